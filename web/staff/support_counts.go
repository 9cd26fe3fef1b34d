package staff

import (
	"partnerportal/web/support"
	"time"

	"partnerportal/db"
	"partnerportal/views"
)

// supportCounts are the dashboard's support figures, each a link into the inbox.
func supportCounts(r db.CountSupportForDashboardRow, now time.Time) views.DashboardSupport {
	s := views.DashboardSupport{
		Counts: []views.DashboardCount{
			{Label: "Waiting on us", Count: int(r.WaitingOnUs), URL: inboxPath},
			{Label: "Past the first-response target", Count: int(r.Overdue), URL: inboxPath, Alert: r.Overdue > 0},
			{Label: "Waiting, nobody assigned", Count: int(r.Unassigned), URL: inboxPath + "?assignee=none"},
			{Label: "Waiting on the partner", Count: int(r.WaitingOnPartner), URL: inboxPath + "?status=waiting_on_partner"},
		},
	}
	if r.WaitingOnUs > 0 {
		s.Oldest = "The longest wait: " + support.Duration(now.Sub(r.OldestWaiting)) + "."
	}
	return s
}
