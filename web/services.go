package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/clock"
)

// HandleMyServices is the partner's home: every service and plan with its state and what is left.
func HandleMyServices(pool *pgxpool.Pool, clk clock.Clock, cfg Config) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u := UserFromContext(c.Request().Context())
		today := clock.Today(clk, cfg.Location)
		rows, err := q.ListCompanyServices(c.Request().Context(), db.ListCompanyServicesParams{CompanyID: *u.CompanyID, Today: today})
		if err != nil {
			return err
		}
		page := views.ServicesPage{CompanyName: u.CompanyName}
		for _, r := range rows {
			if r.ServiceID == nil {
				page.NotSubscribed = append(page.NotSubscribed, r.ModuleName)
				continue
			}
			page.Cards = append(page.Cards, serviceCard(r, CSRFToken(c)))
		}
		return OK(c, "My Services", views.ServicesView(page))
	}
}

// StateBadge is a state as icon and word.
func StateBadge(s db.ServiceState) views.Badge {
	switch s {
	case db.ServiceStateActive:
		return views.Badge{Tone: "active", Icon: "✓", Label: s.Label()}
	case db.ServiceStateGrace:
		return views.Badge{Tone: "grace", Icon: "◔", Label: s.Label()}
	case db.ServiceStateExpired, db.ServiceStateExhausted:
		return views.Badge{Tone: "readonly", Icon: "⊘", Label: s.Label() + " · read-only"}
	case db.ServiceStateInactive:
		return views.Badge{Tone: "inactive", Icon: "○", Label: s.Label()}
	case db.ServiceStateScheduled:
		return views.Badge{Tone: "scheduled", Icon: "◷", Label: s.Label()}
	}
	return views.Badge{Tone: "none", Icon: "–", Label: s.Label()}
}

func serviceCard(r db.ListCompanyServicesRow, csrf string) views.ServiceCard {
	card := views.ServiceCard{
		ID:         *r.ServiceID,
		ModuleName: r.ModuleName,
		Badge:      StateBadge(r.State),
		Subscribed: true,
	}
	if r.Environment != nil {
		card.Environment = strings.ToUpper(string(*r.Environment)[:1]) + string(*r.Environment)[1:]
	}
	if r.ValidFrom != nil {
		card.ValidFrom, card.ValidUntil = LongDate(*r.ValidFrom), LongDate(*r.ValidUntil)
		card.Term = fmt.Sprintf("%d months", *r.TermMonths)
		card.DaysLeft = strconv.Itoa(int(r.DaysLeft))
		card.Cap = fmt.Sprintf("%d%%", *r.CapPercent)
	}
	card.Summary = summary(r)
	if r.MessageQuota != nil {
		card.Usage = append(card.Usage, UsageBar(card.ID, "messages", *r.MessagesUsed, int64(*r.MessageQuota), *r.MessageAllowance))
	}
	if r.DeviceQuota != nil {
		card.Usage = append(card.Usage, UsageBar(card.ID, "devices", int64(*r.DevicesUsed), int64(*r.DeviceQuota), *r.DeviceAllowance))
	}
	card.Left = leftInWords(r)
	card.Notices = quotaNotices(r.QuotaWarnings)
	if r.NextTermFrom != nil {
		card.NextTerm = "Renewed: the next term starts on " + LongDate(*r.NextTermFrom) + "."
	}
	card.Renewal = views.RenewalBox{ServiceID: card.ID, CSRF: csrf, CanRequest: true}
	if r.OpenRequestAt != nil {
		card.Renewal.RequestedOn = LongDate(*r.OpenRequestAt)
	}
	card.Renewal.LastAnswer = lastAnswer(db.RenewalRequestStatus(r.LastAnswerStatus), r.LastAnswer, r.LastAnsweredAt)
	return card
}

// summary is the SPEC §4 wording of a state.
func summary(r db.ListCompanyServicesRow) string {
	switch r.State {
	case db.ServiceStateInactive:
		return "Inactive — renew to use"
	case db.ServiceStateScheduled:
		return "Starts on " + LongDate(*r.ValidFrom)
	case db.ServiceStateActive:
		return fmt.Sprintf("Active until %s (%d day%s left)", LongDate(*r.ValidUntil), r.DaysLeft, Plural(int64(r.DaysLeft)))
	case db.ServiceStateExpired:
		return "Expired on " + LongDate(*r.ExpiredFrom) + " — read-only"
	case db.ServiceStateExhausted:
		return "Quota used up — read-only"
	case db.ServiceStateGrace:
		var parts []string
		if r.GraceDaysLeft > 0 {
			parts = append(parts, fmt.Sprintf("%d day%s", r.GraceDaysLeft, Plural(int64(r.GraceDaysLeft))))
		}
		if r.MessagesLeftAllowance != nil {
			parts = append(parts, Count(*r.MessagesLeftAllowance)+" message"+Plural(*r.MessagesLeftAllowance))
		}
		if r.DevicesLeftAllowance != nil {
			parts = append(parts, Count(*r.DevicesLeftAllowance)+" device"+Plural(*r.DevicesLeftAllowance))
		}
		return "Over plan — cap allowance: " + strings.Join(parts, " / ") + " left"
	}
	return "Not subscribed — ask your account manager"
}

// leftInWords says what remains of a usable service.
func leftInWords(r db.ListCompanyServicesRow) []string {
	if !r.State.CanUse() {
		return nil
	}
	var out []string
	if r.GraceDaysLeft > 0 {
		out = append(out, fmt.Sprintf("%d day%s of grace left", r.GraceDaysLeft, Plural(int64(r.GraceDaysLeft))))
	}
	add := func(unit string, left, leftAllowance *int64) {
		if left == nil {
			return
		}
		if *left > 0 {
			out = append(out, fmt.Sprintf("%s %s%s left in your quota", Count(*left), unit, Plural(*left)))
		} else if leftAllowance != nil {
			out = append(out, fmt.Sprintf("%s %s%s left in your cap allowance", Count(*leftAllowance), unit, Plural(*leftAllowance)))
		}
	}
	add("message", r.MessagesLeft, r.MessagesLeftAllowance)
	var devLeft *int64
	if r.DevicesLeft != nil {
		v := int64(*r.DevicesLeft)
		devLeft = &v
	}
	add("device", devLeft, r.DevicesLeftAllowance)
	return out
}

func UsageBar(serviceID int64, unit string, used, quota, allowance int64) views.UsageBar {
	pct := func(n int64) int {
		if allowance <= 0 {
			return 0
		}
		return int(min(100, n*100/allowance))
	}
	return views.UsageBar{
		ID:        fmt.Sprintf("usage-%d-%s", serviceID, unit),
		Label:     strings.ToUpper(unit[:1]) + unit[1:],
		Used:      used,
		Quota:     quota,
		Allowance: allowance,
		Text:      fmt.Sprintf("%s of %s %s used", Count(used), Count(quota), unit),
		Note:      fmt.Sprintf("Quota %s (the mark) · cap allowance %s (the full bar)", Count(quota), Count(allowance)),
		UsedPct:   pct(used),
		QuotaPct:  pct(quota),
		Over:      used >= quota,
	}
}

func lastAnswer(status db.RenewalRequestStatus, answer *string, at *time.Time) string {
	when := ""
	if at != nil {
		when = " on " + LongDate(*at)
	}
	switch status {
	case db.RenewalRequestStatusApproved:
		return "Your last renewal request was approved" + when + "."
	case db.RenewalRequestStatusDeclined:
		s := "Your last renewal request was declined" + when
		if answer != nil && *answer != "" {
			s += ": " + *answer
		}
		return s + "."
	}
	return ""
}
