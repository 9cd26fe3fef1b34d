package support

import (
	"context"
	"time"

	"partnerportal/db"
	"partnerportal/web/jobs"
)

// News is what one change to a ticket tells the other side: a key naming the change (each
// e-mail is written once per key and person), the words, and the page to open.
type News struct {
	Key, Title, Body, Link string
}

// TellStaff tells the staff side of ticket t that its partner opened or answered it: the
// staff member assigned, else the company's account manager (nobody when it has neither: the
// inbox shows it to admins).
func TellStaff(ctx context.Context, q *db.Queries, jq *jobs.Queue, t db.SupportTicket, accountManager *int64, actor int64, n News, now time.Time) error {
	to := t.AssigneeID
	if to == nil {
		to = accountManager
	}
	if to == nil {
		return nil
	}
	return tell(ctx, q, jq, jobs.Notice{Users: []int64{*to}}, actor, n, now)
}

// TellPartner tells the partner users of ticket t's company that staff answered it.
func TellPartner(ctx context.Context, q *db.Queries, jq *jobs.Queue, t db.SupportTicket, actor int64, n News, now time.Time) error {
	return tell(ctx, q, jq, jobs.Notice{Companies: []int64{t.CompanyID}}, actor, n, now)
}

// TellUser tells one staff member, unless they made the change (an assignment to oneself).
func TellUser(ctx context.Context, q *db.Queries, jq *jobs.Queue, userID, actor int64, n News, now time.Time) error {
	return tell(ctx, q, jq, jobs.Notice{Users: []int64{userID}}, actor, n, now)
}

func tell(ctx context.Context, q *db.Queries, jq *jobs.Queue, to jobs.Notice, actor int64, n News, now time.Time) error {
	to.Key, to.Topic, to.Except = n.Key, db.NoticeTopicSupport, actor
	to.Title, to.Body, to.Link = n.Title, n.Body, n.Link
	_, err := jq.Notify(ctx, q, now, to)
	return err
}
