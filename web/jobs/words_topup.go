package jobs

import (
	"partnerportal/db"
	"partnerportal/web/ui"
)

// topupNotice says a top-up request to the account manager, and its answer to the partner,
// as the renewal requests are said.
func topupNotice(e db.ClaimServiceEventsRow, plan string) (partner, staff *notice) {
	metric, amount := "messages", int64(0)
	if e.TopupMetric != nil {
		metric = string(*e.TopupMetric)
	}
	if e.TopupAmount != nil {
		amount = int64(*e.TopupAmount)
	}
	n := notice{Topic: db.NoticeTopicRequests}
	switch e.Kind {
	case db.ServiceEventKindTopupRequested:
		n.Link = "/admin/renewals"
		n.Title = e.CompanyName + " asks for a top-up of " + plan
		n.Body = e.ActorName + " asked for " + ui.Count(amount) + " more " + metric + " this term."
		return nil, &n
	case db.ServiceEventKindTopupApproved:
		granted := amount
		if e.TopupGranted != nil {
			granted = int64(*e.TopupGranted)
		}
		n.Link = "/services"
		n.Title = "Your top-up of " + plan + " is approved"
		n.Body = ui.Count(granted) + " more " + metric + " for this term, usable at once. Approved by " + e.ActorName + "."
	default:
		n.Link = "/services/requests"
		n.Title = "Your top-up request for " + plan + " is declined"
		n.Body = "Answered by " + e.ActorName + "."
	}
	if e.TopupAnswer != nil && *e.TopupAnswer != "" {
		n.Body += " “" + *e.TopupAnswer + "”"
	}
	return &n, nil
}
