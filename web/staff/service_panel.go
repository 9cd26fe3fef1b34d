package staff

import (
	"fmt"
	"partnerportal/web/ui"
	"strconv"
	"strings"
	"time"

	"partnerportal/db"
	"partnerportal/views"
)

// servicePanel is a service on the partner page with its forms filled from the current term;
// terms are its history, newest first.
func servicePanel(companyID int64, s db.ListCompanyServicesForStaffRow, terms []db.ListCompanyTermsForStaffRow, csrf string, loc *time.Location) views.ServicePanel {
	p := views.ServicePanel{
		ID: s.ID, CompanyID: companyID, Title: s.ModuleName, Badge: ui.StateBadge(s.State),
		Summary: staffSummary(s), Version: s.Version, Metered: s.Metered,
		Active: s.Status == db.ServiceStatusActive, Loses: whatIsLost(s.Module), CSRF: csrf,
	}
	if s.Environment != nil {
		p.Title += " · " + ui.Capitalize(string(*s.Environment))
	}
	if s.Metered {
		p.HistoryURL = partnerURL(companyID) + "/plans/" + ui.Itoa(s.ID) + "/history"
	}
	if s.ValidFrom != nil {
		p.Facts = []views.Fact{
			{Label: "Term", Value: fmt.Sprintf("%d months", *s.TermMonths)},
			{Label: "Valid from", Value: ui.LongDate(*s.ValidFrom)},
			{Label: "Valid until", Value: ui.LongDate(*s.ValidUntil)},
			{Label: "Cap", Value: fmt.Sprintf("%d%%", *s.CapPercent)},
		}
	}
	if s.Status == db.ServiceStatusInactive && s.DeactivatedAt != nil {
		p.Facts = append(p.Facts, views.Fact{Label: "Deactivated on", Value: ui.LongDate(s.DeactivatedAt.In(loc))})
		if s.DeactivationReason != "" {
			p.Facts = append(p.Facts, views.Fact{Label: "Reason", Value: s.DeactivationReason})
		}
	}
	p.Facts = append(p.Facts, views.Fact{Label: "A renewal today starts", Value: ui.LongDate(s.RenewalFrom)})
	if s.MessageQuota != nil {
		p.Usage = append(p.Usage, ui.UsageBar(s.ID, "messages", *s.MessagesUsed, int64(*s.MessageQuota), *s.MessageAllowance))
	}
	if s.DeviceQuota != nil {
		p.Usage = append(p.Usage, ui.UsageBar(s.ID, "devices", int64(*s.DevicesUsed), int64(*s.DeviceQuota), *s.DeviceAllowance))
	}
	for _, t := range terms {
		p.Terms = append(p.Terms, views.TermRow{
			From: ui.LongDate(t.ValidFrom), Until: ui.LongDate(t.ValidUntil),
			Months: strconv.Itoa(int(t.TermMonths)), Cap: fmt.Sprintf("%d%%", t.CapPercent),
			Quotas: quotasInWords(t.MessageQuota, t.DeviceQuota) + topupsInWords(t.MessageTopup, t.DeviceTopup), Usage: usageInWords(t),
			Current: s.TermID != nil && *s.TermID == t.ID,
		})
	}
	if s.OpenRequestID != nil {
		p.OpenRequest = fmt.Sprintf("%s asked for a renewal on %s (%s)", *s.OpenRequestBy, ui.LongDate(s.OpenRequestAt.In(loc)), wishedTerm(s.OpenRequestTermMonths))
		if *s.OpenRequestMessage != "" {
			p.OpenRequest += ": “" + *s.OpenRequestMessage + "”"
		}
	}
	p.Renew = views.RenewForm{StartsOn: ui.LongDate(s.RenewalFrom), TermMonths: "6", CapPercent: "0"}
	p.Limits = views.LimitsForm{CapPercent: "0"}
	if s.TermMonths != nil {
		p.Renew.TermMonths = strconv.Itoa(int(*s.TermMonths))
		p.Renew.CapPercent = strconv.Itoa(int(*s.CapPercent))
		// the forms edit granted quotas: the term's top-ups stay on top and never renew
		p.Renew.MessageQuota, p.Renew.DeviceQuota = optionalText(s.GrantedMessageQuota), optionalText(s.GrantedDeviceQuota)
		p.Limits.CapPercent, p.Limits.MessageQuota, p.Limits.DeviceQuota = p.Renew.CapPercent, p.Renew.MessageQuota, p.Renew.DeviceQuota
		p.Limits.MessagesUsed, p.Limits.DevicesUsed = ui.Count(*s.MessagesUsed), ui.Count(int64(*s.DevicesUsed))
	}
	return p
}

// staffSummary says in one line where a service stands, for its account manager.
func staffSummary(s db.ListCompanyServicesForStaffRow) string {
	return ui.StaffSummary(s.State, ui.StateFacts{ValidFrom: s.ValidFrom, ValidUntil: s.ValidUntil, ExpiredFrom: s.ExpiredFrom})
}

// whatIsLost is what deactivating a module takes away from the partner.
func whatIsLost(m db.ModuleKey) string {
	base := "The partner loses the module at once: it leaves their navigation and its pages answer “not found”. Nothing they made is deleted; activating or renewing brings it back."
	extra := map[db.ModuleKey]string{
		db.ModuleKeySoftware:       " Their software products of this plan can no longer be edited, their Hub listings are no longer purchasable, and customers' purchases of them are released.",
		db.ModuleKeyHardware:       " Their hardware devices of this plan can no longer be edited, their Hub listings are no longer purchasable, and customers' purchases of them are released.",
		db.ModuleKeyDevlab:         " The sandbox console, its API keys and test devices stop working.",
		db.ModuleKeyExpressconnect: " Their device designs can no longer be opened or exported.",
		db.ModuleKeyAppconnect:     " They can no longer deploy solution templates.",
		db.ModuleKeySolutionsHub:   " Every listing of theirs disappears from the Solutions Hub.",
		db.ModuleKeySupport:        " They can no longer open or follow support tickets.",
	}
	return base + extra[m]
}

func quotasInWords(messages, devices *int32) string {
	var parts []string
	if messages != nil {
		parts = append(parts, ui.Count(int64(*messages))+" messages")
	}
	if devices != nil {
		parts = append(parts, ui.Count(int64(*devices))+" devices")
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " · ")
}

func usageInWords(t db.ListCompanyTermsForStaffRow) string {
	var parts []string
	if t.MessageQuota != nil {
		parts = append(parts, ui.Count(t.MessagesUsed)+" messages")
	}
	if t.DeviceQuota != nil {
		parts = append(parts, ui.Count(int64(t.DevicesUsed))+" devices")
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " · ")
}

func optionalText(n *int32) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(int(*n))
}

// topupsInWords says how much of a term's quotas came from approved top-ups.
func topupsInWords(messages, devices int32) string {
	var parts []string
	if messages > 0 {
		parts = append(parts, "+"+ui.Count(int64(messages))+" messages")
	}
	if devices > 0 {
		parts = append(parts, "+"+ui.Count(int64(devices))+" devices")
	}
	if len(parts) == 0 {
		return ""
	}
	return " (top-ups " + strings.Join(parts, ", ") + ")"
}
