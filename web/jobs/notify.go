package jobs

import (
	"context"
	"strconv"
	"time"

	"partnerportal/db"
	"partnerportal/views"
)

// Notice is news told in the transaction of the change it is about (a support ticket opened or
// answered), rather than from a recorded event by the delivery job.
type Notice struct {
	// Key names the change ("support-message:12"); with each recipient it keys their e-mail,
	// so a message is written once.
	Key   string
	Topic db.NoticeTopic
	// Companies are told through their active partner users, Users (staff) by name; Except,
	// who made the change, is never told.
	Companies []int64
	Users     []int64
	Except    int64
	Title     string
	Body      string
	// Link is the page of the thing concerned, a path inside the portal.
	Link string
	// More are the e-mail's paragraphs after Body (the words of a reply).
	More []string
}

// Notify tells n's people in q's transaction: a notice in the portal (the bell) for each, and
// an e-mail for those whose choices on /account let this topic through. now is the moment of
// the change. It returns how many people were told.
func (j *Queue) Notify(ctx context.Context, q *db.Queries, now time.Time, n Notice) (int, error) {
	if len(n.Companies) == 0 && len(n.Users) == 0 {
		return 0, nil
	}
	rows, err := q.ListNoticeRecipients(ctx, db.ListNoticeRecipientsParams{CompanyIds: n.Companies, UserIds: n.Users})
	if err != nil {
		return 0, err
	}
	told := 0
	say := notice{Topic: n.Topic, Title: n.Title, Body: n.Body, Link: n.Link}
	for _, r := range rows {
		if r.ID == n.Except {
			continue
		}
		if err := q.CreateNotification(ctx, db.CreateNotificationParams{
			UserID: r.ID, Topic: n.Topic, Title: n.Title, Body: n.Body, Link: n.Link, Now: now,
		}); err != nil {
			return told, err
		}
		if wantsEmail(r, n.Topic) {
			if err := j.mailTo(ctx, q, n.Key, r, say, n.More); err != nil {
				return told, err
			}
		}
		told++
	}
	return told, nil
}

// mailTo writes the e-mail of notice n for r, keyed by key and r; more are paragraphs after
// the notice's body.
func (j *Queue) mailTo(ctx context.Context, q *db.Queries, key string, r db.ListNoticeRecipientsRow, n notice, more []string) error {
	uid := r.ID
	return j.Mail(ctx, q, Mail{
		Key: key + ":user:" + strconv.FormatInt(uid, 10), Kind: string(n.Topic), UserID: &uid,
		To: r.Email, ToName: r.Name, Subject: n.Title, Preferences: true,
		View: views.MailView{
			Greeting: "Hello " + r.Name + ",", Heading: n.Title, Lines: append([]string{n.Body}, more...),
			ActionLabel: "Open in the portal", ActionURL: n.Link,
		},
	})
}
