package jobs

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"partnerportal/db"
	"partnerportal/web/clock"
	"partnerportal/web/ui"
)

// notice is what one event says to one audience: a title for the bell and the subject line, a
// sentence or two, and the page of the thing concerned.
type notice struct {
	Topic db.NoticeTopic
	Title string
	Body  string
	Link  string
}

// serviceNotices says a service event to the partner's users and to the company's account
// manager. Either is nil when that side is not told: a renewal request is news to the account
// manager only, its answer to the partner only.
func serviceNotices(e db.ClaimServiceEventsRow, loc *time.Location) (partner, staff *notice) {
	plan := planName(e.ModuleName, e.Environment)
	day := clock.Date(e.RecordedAt, loc)
	until, from, expiredFrom := dateOf(e.ValidUntil), dateOf(e.ValidFrom), dateOf(e.ExpiredFrom)
	n := notice{Topic: db.NoticeTopicChanges, Link: "/services"}
	// tip is the partner's next step; the account manager reads the same news without it.
	tip := ""
	switch e.Kind {
	case db.ServiceEventKindGranted:
		n.Title = plan + " is granted until " + until
		n.Body = "The term runs from " + from + " to " + until + "."
	case db.ServiceEventKindRenewed:
		n.Title = plan + " is renewed until " + until
		n.Body = "A new term runs from " + from + " to " + until + ", with its usage starting at 0."
	case db.ServiceEventKindDeactivated:
		n.Title = plan + " is deactivated"
		n.Body = "It no longer appears in the portal. Everything made in it is kept."
		tip = " Ask your account manager to reactivate it."
	case db.ServiceEventKindReactivated:
		n.Title = plan + " is active again"
		n.Body = "It is back in the portal with everything made in it."
	case db.ServiceEventKindGrace:
		if e.ValidUntil != nil && day.After(*e.ValidUntil) && e.ExpiredFrom != nil {
			n.Title = plan + " is in its grace period"
			n.Body = "Its term ended on " + until + ". It stays usable until " + ui.LongDate(e.ExpiredFrom.AddDate(0, 0, -1)) +
				", its last day of grace, and is read-only from " + expiredFrom + "."
		} else {
			n.Title = plan + " is over its quota"
			n.Body = "It stays usable within its cap allowance" + allowances(e) + "; once that is used up it turns read-only."
		}
		tip = " Request a renewal to keep it running."
	case db.ServiceEventKindExpired:
		n.Title = plan + " is read-only from " + expiredFrom
		n.Body = "Its term ended on " + until + ". Everything made in it stays visible, but nothing can be changed until it is renewed."
		tip = " Request a renewal from My Services."
	case db.ServiceEventKindExhausted:
		n.Title = plan + " has used up its quota"
		n.Body = "It is read-only until it is renewed or its quota is raised" + allowances(e) + "."
		tip = " Request a renewal from My Services."
	case db.ServiceEventKindQuota80, db.ServiceEventKindQuota100:
		n.Topic = db.NoticeTopicQuota
		metric, quota := "messages", e.MessageQuota
		if e.Metric != nil && *e.Metric == db.UsageMetricDevices {
			metric, quota = "devices", e.DeviceQuota
		}
		share := "80 %"
		if e.Kind == db.ServiceEventKindQuota100 {
			share = "all"
		}
		n.Title = plan + " has used " + share + " of its " + metric
		n.Body = "The quota of this term is " + count32(quota) + " " + metric + allowances(e) + "."
	case db.ServiceEventKindReminder30, db.ServiceEventKindReminder7, db.ServiceEventKindReminder1:
		n.Topic = db.NoticeTopicReminders
		left := 0
		if e.ValidUntil != nil {
			left = int(e.ValidUntil.Sub(day).Hours() / 24)
		}
		n.Title = plan + " ends " + inDays(left)
		n.Body = "Its term ends on " + until + "."
		tip = " Request a renewal so that nothing stops."
	case db.ServiceEventKindRenewalRequested:
		n.Topic, n.Link = db.NoticeTopicRequests, "/admin/renewals"
		n.Title = e.CompanyName + " asks to renew " + plan
		n.Body = e.ActorName + " asked for a renewal"
		if e.RequestTermMonths != nil {
			n.Body += " of " + strconv.Itoa(int(*e.RequestTermMonths)) + " months"
		}
		n.Body += ". The current term ends on " + until + "."
		return nil, &n
	case db.ServiceEventKindRenewalApproved, db.ServiceEventKindRenewalDeclined:
		n.Topic, n.Link = db.NoticeTopicRequests, "/services/requests"
		verb := "approved"
		if e.Kind == db.ServiceEventKindRenewalDeclined {
			verb = "declined"
		}
		n.Title = "Your renewal request for " + plan + " is " + verb
		n.Body = "Answered by " + e.ActorName + "."
		if e.RequestAnswer != nil && *e.RequestAnswer != "" {
			n.Body += " “" + *e.RequestAnswer + "”"
		}
		return &n, nil
	case db.ServiceEventKindTopupRequested, db.ServiceEventKindTopupApproved, db.ServiceEventKindTopupDeclined:
		return topupNotice(e, plan)
	default:
		return nil, nil
	}
	s := n
	s.Title = e.CompanyName + ": " + n.Title
	s.Link = "/admin/partners/" + strconv.FormatInt(e.CompanyID, 10)
	p := n
	p.Body += tip
	return &p, &s
}

// purchaseNotice says a release or a restoration to the consumer who bought the product.
func purchaseNotice(e db.ClaimPurchaseEventsRow) notice {
	n := notice{Topic: db.NoticeTopicPurchases, Link: "/purchases"}
	if e.Kind == db.PurchaseEventKindRestored {
		n.Title = e.ProductName + " can be used again"
		n.Body = e.CompanyName + " renewed its plan for it, so your purchase works again."
		return n
	}
	n.Title = e.ProductName + " is released by " + e.CompanyName
	n.Body = "Your purchase cannot be used for now: " + ui.ReleaseReason(ui.PartnersPlan, e.PlanState, e.ReadOnlySince) +
		". It works again as soon as " + e.CompanyName + " renews."
	return n
}

func allowances(e db.ClaimServiceEventsRow) string {
	if e.CapPercent == nil || *e.CapPercent == 0 {
		return ""
	}
	var up []string
	if e.MessageAllowance != nil {
		up = append(up, ui.Count(*e.MessageAllowance)+" messages")
	}
	if e.DeviceAllowance != nil {
		up = append(up, ui.Count(*e.DeviceAllowance)+" devices")
	}
	s := " (cap " + strconv.Itoa(int(*e.CapPercent)) + " %"
	if len(up) > 0 {
		s += ": up to " + strings.Join(up, " and ")
	}
	return s + ")"
}

func inDays(n int) string {
	switch {
	case n <= 0:
		return "today"
	case n == 1:
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days", n)
}

func dateOf(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return ui.LongDate(*t)
}

func count32(n *int32) string {
	if n == nil {
		return "unlimited"
	}
	return ui.Count(int64(*n))
}
