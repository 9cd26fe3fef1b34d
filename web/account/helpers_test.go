package account_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// addNotices gives the user n unread notices directly, for tests about reading them rather
// than about what causes them, and returns their ids, oldest first.
func addNotices(t *testing.T, env *webtest.Env, email string, n int) []int64 {
	t.Helper()
	rows, err := env.Pool.Query(context.Background(), `INSERT INTO notifications (user_id, topic, title, body, link, created_at)
		SELECT u.id, 'changes', 'Notice ' || i, 'What happened, number ' || i || '.', '/services', $3::timestamptz - ($2::int - i) * interval '1 minute'
		FROM users u, generate_series(1, $2::int) i WHERE u.email = $1 ORDER BY i RETURNING id`, email, n, env.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil || len(ids) != n {
		t.Fatalf("added %d notices for %s (%v), want %d", len(ids), email, err, n)
	}
	return ids
}

// mails counts the e-mails written to address, of kind, whose subject is subject ("" for any).
func mails(t *testing.T, env *webtest.Env, address, kind, subject string) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM mail_messages
		WHERE to_address = $1 AND kind = $2 AND ($3 = '' OR subject = $3)`, address, kind, subject).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// setStatus has the signed-in account manager turn a service of Company A on ("active") or
// off ("inactive") through the partner's staff page.
func setStatus(t *testing.T, env *webtest.Env, am *webtest.Client, module, status string) {
	t.Helper()
	company := env.CompanyID(t, "Company A")
	id, version := env.Service(t, "Company A", module, "")
	path := "/admin/partners/" + webtest.Itoa(company) + "/services/" + webtest.Itoa(id) + "/status"
	am.Get(t, "/admin/partners/"+webtest.Itoa(company))
	r := am.PostForm(t, path, url.Values{"version": {webtest.Itoa(int64(version))}, "status": {status}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("set %s %s: status %d\n%s", module, status, r.StatusCode, r.Text("main"))
	}
}

// text is the whitespace-normalised text of s, as a reader sees it.
func text(s *goquery.Selection) string {
	return strings.Join(strings.Fields(s.Text()), " ")
}
