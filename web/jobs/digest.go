package jobs

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/riverqueue/river"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/ui"
)

type digestArgs struct{}

// Kind names the job in River's table.
func (digestArgs) Kind() string { return "staff_digest" }

// digestHour is the hour of the portal's day from which the morning digest goes out.
const digestHour = 7

// digestWorker writes each account manager's morning digest: the renewal requests waiting,
// the services in grace or read-only, and the terms ending within a week, of the companies
// they look after (admins: every company, on asking). Nothing to say, no message. It runs
// hourly; the day's message is keyed by user and date, so it is written once.
type digestWorker struct {
	river.WorkerDefaults[digestArgs]
	j *Queue
}

func (w *digestWorker) Work(ctx context.Context, _ *river.Job[digestArgs]) error {
	if w.j.clock.Now().In(w.j.cfg.Location).Hour() < digestHour {
		return nil
	}
	today := w.j.today()
	return db.Transact(ctx, w.j.pool, func(q *db.Queries) error {
		staff, err := q.ListDigestRecipients(ctx)
		if err != nil {
			return err
		}
		for _, s := range staff {
			lines, err := digestLines(ctx, q, s, today)
			if err != nil {
				return err
			}
			if len(lines) == 0 {
				continue
			}
			uid := s.ID
			day := ui.LongDate(today)
			if err := w.j.Mail(ctx, q, Mail{
				Key: "digest:" + strconv.FormatInt(uid, 10) + ":" + today.Format("2006-01-02"), Kind: string(db.NoticeTopicDigest),
				UserID: &uid, To: s.Email, ToName: s.Name, Subject: "What needs attention on " + day, Preferences: true,
				View: views.MailView{
					Greeting: "Hello " + s.Name + ",", Heading: "What needs attention on " + day, Lines: lines,
					ActionLabel: "Open the dashboard", ActionURL: "/admin",
				},
			}); err != nil {
				return err
			}
		}
		return nil
	})
}

// digestMax is how many items of each list a digest names before it says "and N more".
const digestMax = 5

func digestLines(ctx context.Context, q *db.Queries, s db.ListDigestRecipientsRow, today time.Time) ([]string, error) {
	var manager *int64
	if s.Role == db.UserRoleAccountManager {
		manager = &s.ID
	}
	var lines []string
	requests, err := q.ListDashboardRequests(ctx, db.ListDashboardRequestsParams{ViewerID: s.ID, ManagerID: manager})
	if err != nil {
		return nil, err
	}
	lines = appendList(lines, "renewal request waits for an answer", "renewal requests wait for an answer", len(requests), func(i int) string {
		r := requests[i]
		return r.CompanyName + ": " + planName(r.ModuleName, r.Environment) + ", asked by " + r.RequestedBy + " on " + ui.LongDate(r.CreatedAt)
	})
	attention, err := q.ListDashboardAttention(ctx, db.ListDashboardAttentionParams{Today: today, ViewerID: s.ID, ManagerID: manager})
	if err != nil {
		return nil, err
	}
	lines = appendList(lines, "service is in grace or read-only", "services are in grace or read-only", len(attention), func(i int) string {
		a := attention[i]
		return a.CompanyName + ": " + planName(a.ModuleName, a.Environment) + " — " + ui.StateLabel(a.State)
	})
	expiring, err := q.ListDashboardExpiring(ctx, db.ListDashboardExpiringParams{Today: today, ViewerID: s.ID, ManagerID: manager})
	if err != nil {
		return nil, err
	}
	var soon []db.ListDashboardExpiringRow
	for _, e := range expiring {
		if e.ValidUntil.Sub(today) <= 7*24*time.Hour {
			soon = append(soon, e)
		}
	}
	lines = appendList(lines, "term ends within a week", "terms end within a week", len(soon), func(i int) string {
		e := soon[i]
		return e.CompanyName + ": " + planName(e.ModuleName, e.Environment) + " ends on " + ui.LongDate(e.ValidUntil)
	})
	return lines, nil
}

// appendList adds "N things:" and the first digestMax of them, one per line.
func appendList(lines []string, one, many string, n int, item func(int) string) []string {
	if n == 0 {
		return lines
	}
	head := "1 " + one + ":"
	if n > 1 {
		head = fmt.Sprintf("%d %s:", n, many)
	}
	lines = append(lines, head)
	for i := range min(n, digestMax) {
		lines = append(lines, "• "+item(i))
	}
	if n > digestMax {
		lines = append(lines, fmt.Sprintf("• and %d more", n-digestMax))
	}
	return lines
}

func planName(module string, env *db.Environment) string {
	if env == nil {
		return module
	}
	return module + " · " + ui.Capitalize(string(*env))
}
