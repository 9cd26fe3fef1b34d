package jobs

import (
	"context"
	"slices"
	"strconv"

	"github.com/riverqueue/river"

	"partnerportal/db"
)

type deliverArgs struct{}

// Kind names the job in River's table.
func (deliverArgs) Kind() string { return "deliver_notices" }

// deliverWorker turns recorded events into notices and e-mail. Many may run at once (every
// change inserts one, and the leader one a minute for events recorded without a job): each
// takes the events no other holds, and an event is marked delivered in the transaction that
// wrote its notices, so each is told once.
type deliverWorker struct {
	river.WorkerDefaults[deliverArgs]
	j *Queue
}

// deliverBatch is how many events of each kind one transaction tells.
const deliverBatch = 50

func (w *deliverWorker) Work(ctx context.Context, _ *river.Job[deliverArgs]) error {
	for {
		n, err := w.j.deliver(ctx)
		if err != nil || n < deliverBatch {
			return err
		}
	}
}

// outgoing is one notice for one person.
type outgoing struct {
	to                              db.ListNoticeRecipientsRow
	notice                          notice
	serviceEventID, purchaseEventID *int64
}

// deliver tells up to deliverBatch service events and as many purchase events in one
// transaction, and returns the larger of the two counts.
func (j *Queue) deliver(ctx context.Context) (int, error) {
	var n int
	err := db.Transact(ctx, j.pool, func(q *db.Queries) error {
		services, err := q.ClaimServiceEvents(ctx, deliverBatch)
		if err != nil {
			return err
		}
		purchases, err := q.ClaimPurchaseEvents(ctx, deliverBatch)
		if err != nil {
			return err
		}
		n = max(len(services), len(purchases))
		if n == 0 {
			return nil
		}
		out, err := j.recipients(ctx, q, services, purchases)
		if err != nil {
			return err
		}
		now := j.clock.Now()
		for _, o := range out {
			if err := q.CreateNotification(ctx, db.CreateNotificationParams{
				UserID: o.to.ID, Topic: o.notice.Topic, ServiceEventID: o.serviceEventID, PurchaseEventID: o.purchaseEventID,
				Title: o.notice.Title, Body: o.notice.Body, Link: o.notice.Link, Now: now,
			}); err != nil {
				return err
			}
			if wantsEmail(o.to, o.notice.Topic) {
				if err := j.mailNotice(ctx, q, o); err != nil {
					return err
				}
			}
		}
		var ids []int64
		for _, e := range services {
			ids = append(ids, e.ID)
		}
		if err := q.MarkServiceEventsDelivered(ctx, db.MarkServiceEventsDeliveredParams{Now: now, Ids: ids}); err != nil {
			return err
		}
		ids = ids[:0]
		for _, e := range purchases {
			ids = append(ids, e.ID)
		}
		return q.MarkPurchaseEventsDelivered(ctx, db.MarkPurchaseEventsDeliveredParams{Now: now, Ids: ids})
	})
	return n, err
}

// recipients is who hears of each event: the partner's users and the company's account
// manager for a service event (never the person who made it), the buyer for a purchase event.
func (j *Queue) recipients(ctx context.Context, q *db.Queries, services []db.ClaimServiceEventsRow, purchases []db.ClaimPurchaseEventsRow) ([]outgoing, error) {
	var companies, users []int64
	for _, e := range services {
		companies = append(companies, e.CompanyID)
		if e.AccountManagerID != nil {
			users = append(users, *e.AccountManagerID)
		}
	}
	for _, e := range purchases {
		users = append(users, e.ConsumerID)
	}
	rows, err := q.ListNoticeRecipients(ctx, db.ListNoticeRecipientsParams{CompanyIds: companies, UserIds: users})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]db.ListNoticeRecipientsRow, len(rows))
	byCompany := make(map[int64][]db.ListNoticeRecipientsRow)
	for _, r := range rows {
		byID[r.ID] = r
		if r.Role == db.UserRolePartner && r.CompanyID != nil {
			byCompany[*r.CompanyID] = append(byCompany[*r.CompanyID], r)
		}
	}
	var out []outgoing
	for _, e := range services {
		id := e.ID
		partner, staff := serviceNotices(e, j.cfg.Location)
		notMaker := func(r db.ListNoticeRecipientsRow) bool { return e.ActorID == nil || *e.ActorID != r.ID }
		if partner != nil {
			for _, r := range byCompany[e.CompanyID] {
				if notMaker(r) {
					out = append(out, outgoing{to: r, notice: *partner, serviceEventID: &id})
				}
			}
		}
		if staff != nil && e.AccountManagerID != nil {
			if r, ok := byID[*e.AccountManagerID]; ok && notMaker(r) {
				out = append(out, outgoing{to: r, notice: *staff, serviceEventID: &id})
			}
		}
	}
	for _, e := range purchases {
		id := e.ID
		if r, ok := byID[e.ConsumerID]; ok {
			out = append(out, outgoing{to: r, notice: purchaseNotice(e), purchaseEventID: &id})
		}
	}
	return out, nil
}

// wantsEmail says whether a notice of topic goes to r by e-mail too: yes unless they said no,
// except the digest, which account managers get unless they said no and others only on asking.
func wantsEmail(r db.ListNoticeRecipientsRow, topic db.NoticeTopic) bool {
	switch {
	case slices.Contains(r.EmailOff, string(topic)):
		return false
	case slices.Contains(r.EmailOn, string(topic)):
		return true
	}
	return topic != db.NoticeTopicDigest || r.Role == db.UserRoleAccountManager
}

// mailNotice writes the e-mail of one notice, keyed by its event and recipient.
func (j *Queue) mailNotice(ctx context.Context, q *db.Queries, o outgoing) error {
	key := "notice:"
	if o.serviceEventID != nil {
		key += "service-event:" + strconv.FormatInt(*o.serviceEventID, 10)
	} else {
		key += "purchase-event:" + strconv.FormatInt(*o.purchaseEventID, 10)
	}
	return j.mailTo(ctx, q, key, o.to, o.notice, nil)
}
