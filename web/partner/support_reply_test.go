package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// ticketStatus is a ticket's status and whether it waits on staff.
func ticketStatus(t *testing.T, env *webtest.Env, id int64) string {
	t.Helper()
	var s string
	if err := env.Pool.QueryRow(context.Background(), `SELECT status || CASE WHEN waiting_since IS NULL THEN '' ELSE ' (waiting)' END
		FROM support_tickets WHERE id = $1`, id).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPartnerRepliesMoveTheStatus: a reply to a ticket waiting on the partner makes it wait
// on support and tells its assignee (by e-mail too, unless they turned support e-mail off);
// resolving it is recorded; a reply reopens it; once closed it takes no reply.
func TestPartnerRepliesMoveTheStatus(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ticket, _ := demoTicket(t, env, "How do we raise")
	path := "/support/tickets/" + webtest.Itoa(ticket)
	c := env.SignedIn(t, webtest.PartnerA)
	c.Get(t, path)
	// the assignee (the account manager) wants no support e-mail
	env.Exec(t, `INSERT INTO notification_preferences (user_id, topic, by_email) SELECT id, 'support', false FROM users WHERE email = $1`, webtest.AccountManager)
	reply := func(body string) *webtest.Response {
		t.Helper()
		return c.PostMultipart(t, path+"/replies", url.Values{"body": {body}})
	}
	if r := reply("About 500 more, please."); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d\n%s", r.StatusCode, r.Body)
	}
	if got := ticketStatus(t, env, ticket); got != "waiting_on_us (waiting)" {
		t.Errorf("after the reply the ticket is %q", got)
	}
	page := c.Get(t, path)
	if got := page.Text(".thread"); !strings.Contains(got, "About 500 more, please.") || !strings.Contains(got, "Anna Andersen set the status to Waiting on support") {
		t.Errorf("the thread reads %q", got)
	}
	if n := countRows(t, env, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = $1 AND n.title LIKE 'Reply from Company A%'`, webtest.AccountManager); n != 1 {
		t.Errorf("%d notices for the assignee, want 1", n)
	}
	if n := countRows(t, env, `SELECT count(*) FROM mail_messages WHERE to_address = $1 AND kind = 'support'`, webtest.AccountManager); n != 0 {
		t.Errorf("%d e-mails for an assignee who turned them off", n)
	}

	if r := c.PostForm(t, path+"/resolve", nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("resolve: %d", r.StatusCode)
	}
	if got := ticketStatus(t, env, ticket); got != "resolved" {
		t.Errorf("after resolving the ticket is %q", got)
	}
	if n := countRows(t, env, `SELECT count(*) FROM audit_events WHERE action = 'ticket.status' AND after->>'status' = 'Resolved'`); n != 1 {
		t.Errorf("%d audit entries of the resolution, want 1", n)
	}
	if r := reply("Sorry, one more question."); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply to the resolved ticket: %d", r.StatusCode)
	}
	if got := ticketStatus(t, env, ticket); got != "waiting_on_us (waiting)" {
		t.Errorf("a reply to the resolved ticket left it %q", got)
	}

	env.Exec(t, "UPDATE support_tickets SET status = 'closed', closed_at = now(), waiting_since = NULL WHERE id = $1", ticket)
	if r := reply("Still there?"); r.StatusCode != http.StatusConflict {
		t.Errorf("a reply to a closed ticket: %d, want 409", r.StatusCode)
	}
	if page := c.Get(t, path); page.Doc.Find("#reply textarea").Length() != 0 || !strings.Contains(page.Text("#reply"), "This ticket is closed") {
		t.Errorf("a closed ticket's page offers a reply: %q", page.Text("#reply"))
	}
}
