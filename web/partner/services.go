package partner

import (
	"fmt"
	"partnerportal/web/ui"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/usagehistory"
)

// HandleMyServices is the partner's home: every service and plan with its state and what is left,
// and the quota warnings of the current terms, read in one batch.
func HandleMyServices(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		today := ui.When(c).Today
		var services []db.ListCompanyServicesRow
		var quotaWarnings []db.ListCompanyQuotaWarningsRow
		var b db.Batch
		db.Queue(&b, &services, (*db.Queries).ListCompanyServices, db.ListCompanyServicesParams{CompanyID: *u.CompanyID, Today: today})
		db.Queue(&b, &quotaWarnings, (*db.Queries).ListCompanyQuotaWarnings, db.ListCompanyQuotaWarningsParams{CompanyID: *u.CompanyID, Today: today})
		var openTopups []db.ListOpenTopupsForCompanyRow
		db.Queue(&b, &openTopups, (*db.Queries).ListOpenTopupsForCompany, *u.CompanyID)
		var terms []db.ListCompanyTimelineRow
		var deactivations []db.ListCompanyDeactivationsRow
		db.Queue(&b, &terms, (*db.Queries).ListCompanyTimeline, *u.CompanyID)
		db.Queue(&b, &deactivations, (*db.Queries).ListCompanyDeactivations, *u.CompanyID)
		// a member's request buttons are disabled, with the owners to ask
		var owners string
		if !u.IsOwner() {
			db.Queue(&b, &owners, (*db.Queries).GetTeamOwnerNames, *u.CompanyID)
		}
		if err := b.Send(c.Request().Context(), pool); err != nil {
			return err
		}
		warnings := map[int64][]db.ListCompanyQuotaWarningsRow{}
		for _, w := range quotaWarnings {
			warnings[w.ServiceID] = append(warnings[w.ServiceID], w)
		}
		page := views.ServicesPage{CompanyName: u.CompanyName}
		if !u.IsOwner() {
			page.OwnersOnly = ownersOnlyText(u.CompanyName, "request renewals and top-ups", owners)
		}
		var ranks []int
		for _, r := range services {
			if r.ServiceID == nil {
				page.NotSubscribed = append(page.NotSubscribed, r.ModuleName)
				continue
			}
			card := serviceCard(r, quotaNotices(warnings[*r.ServiceID], ui.When(c).Loc), ui.CSRFToken(c))
			card.Topup = topupBox(r, openTopups, ui.CSRFToken(c), today)
			if !u.IsOwner() {
				card.Renewal.OwnersOnly = true
				if card.Topup != nil {
					card.Topup.OwnersOnly = true
				}
			}
			if r.Metered {
				card.HistoryURL = "/services/" + ui.Itoa(card.ID) + "/history"
			}
			if r.State == db.ServiceStateInactive && r.DeactivatedAt != nil {
				card.Summary = "Inactive since " + ui.LongDate(r.DeactivatedAt.In(ui.When(c).Loc)) + " — ask your account manager to renew it"
			}
			page.Cards = append(page.Cards, card)
			ranks = append(ranks, ui.AttentionRank(r.State, r.DaysLeft))
		}
		sortByAttention(page.Cards, ranks)
		page.Timeline = usagehistory.Timeline(terms, deactivations, today, ui.When(c).Loc)
		return ui.OK(c, "My Services", views.ServicesView(page))
	}
}

// sortByAttention puts the cards in the order of their ranks (ui.AttentionRank), keeping the
// catalogue's order among equals.
func sortByAttention(cards []views.ServiceCard, ranks []int) {
	idx := make([]int, len(cards))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return ranks[a] - ranks[b] })
	sorted := make([]views.ServiceCard, len(cards))
	for i, j := range idx {
		sorted[i] = cards[j]
	}
	copy(cards, sorted)
}

// serviceCard is a service's card; notices say its current term's quota warnings.
func serviceCard(r db.ListCompanyServicesRow, notices []string, csrf string) views.ServiceCard {
	card := views.ServiceCard{
		ID:         *r.ServiceID,
		ModuleName: r.ModuleName,
		Badge:      ui.StateBadge(r.State),
		Subscribed: true,
	}
	if r.Environment != nil {
		card.Environment = strings.ToUpper(string(*r.Environment)[:1]) + string(*r.Environment)[1:]
	}
	if r.ValidFrom != nil {
		card.ValidFrom, card.ValidUntil = ui.LongDate(*r.ValidFrom), ui.LongDate(*r.ValidUntil)
		card.Term = fmt.Sprintf("%d months", *r.TermMonths)
		if r.State.CanUse() {
			// days left mean something only while the service can be used
			card.DaysLeft = strconv.Itoa(int(r.DaysLeft))
		}
		card.Cap = fmt.Sprintf("%d%%", *r.CapPercent)
	}
	card.Summary = summary(r)
	if r.MessageQuota != nil {
		card.Usage = append(card.Usage, ui.UsageBar(card.ID, "messages", *r.MessagesUsed, int64(*r.MessageQuota), *r.MessageAllowance))
	}
	if r.DeviceQuota != nil {
		card.Usage = append(card.Usage, ui.UsageBar(card.ID, "devices", int64(*r.DevicesUsed), int64(*r.DeviceQuota), *r.DeviceAllowance))
	}
	card.Left = leftInWords(r)
	card.EndsIn, card.Urgency = ui.EndsIn(r.State, r.DaysLeft)
	if r.State == db.ServiceStateExhausted {
		card.UsedUp = ui.UsedUp(r.MessagesLeftAllowance, r.DevicesLeftAllowance)
	}
	card.Notices = notices
	if r.NextTermFrom != nil {
		card.NextTerm = "Renewed: the next term starts on " + ui.LongDate(*r.NextTermFrom) + "."
	}
	card.Renewal = views.RenewalBox{ServiceID: card.ID, CSRF: csrf, CanRequest: true}
	if r.OpenRequestAt != nil {
		card.Renewal.RequestedOn = ui.LongDate(*r.OpenRequestAt)
	}
	card.Renewal.LastAnswer = lastAnswer(db.RenewalRequestStatus(r.LastAnswerStatus), r.LastAnswer, r.LastAnsweredAt)
	return card
}

// summary is the SPEC §4 wording of a service's state.
func summary(r db.ListCompanyServicesRow) string {
	return ui.ServiceSummary(r.State, ui.StateFacts{ValidFrom: r.ValidFrom, ValidUntil: r.ValidUntil, ExpiredFrom: r.ExpiredFrom,
		DaysLeft: r.DaysLeft, GraceDaysLeft: r.GraceDaysLeft, MessagesLeft: r.MessagesLeftAllowance, DevicesLeft: r.DevicesLeftAllowance})
}

// leftInWords says what remains of a usable service.
func leftInWords(r db.ListCompanyServicesRow) []string {
	if !r.State.CanUse() {
		return nil
	}
	var out []string
	if r.GraceDaysLeft > 0 {
		out = append(out, fmt.Sprintf("%d day%s of grace left", r.GraceDaysLeft, ui.Plural(int64(r.GraceDaysLeft))))
	}
	add := func(unit string, left, leftAllowance *int64) {
		if left == nil {
			return
		}
		if *left > 0 {
			out = append(out, fmt.Sprintf("%s %s%s left in your quota", ui.Count(*left), unit, ui.Plural(*left)))
		} else if leftAllowance != nil {
			out = append(out, fmt.Sprintf("%s %s%s left in your cap allowance", ui.Count(*leftAllowance), unit, ui.Plural(*leftAllowance)))
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

func lastAnswer(status db.RenewalRequestStatus, answer *string, at *time.Time) string {
	when := ""
	if at != nil {
		when = " on " + ui.LongDate(*at)
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
