package staff_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// ticketID is the id of a demo ticket, by the start of its subject.
func ticketID(t *testing.T, env *webtest.Env, subject string) int64 {
	t.Helper()
	var id int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT id FROM support_tickets WHERE subject LIKE $1 || '%'", subject).Scan(&id); err != nil {
		t.Fatalf("ticket %q: %v", subject, err)
	}
	return id
}

func rowCount(t *testing.T, env *webtest.Env, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStaffAnswerAndNote: an answer leaves the ticket waiting on the partner, counts as its
// first response, and tells the partner's users; a note changes nothing the partner sees and
// tells nobody; both stay in the staff thread, the note marked.
func TestStaffAnswerAndNote(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	id := ticketID(t, env, "Gateway drops")
	path := "/admin/support/" + webtest.Itoa(id)
	am := env.SignedIn(t, webtest.AccountManager)
	am.Get(t, path)
	if r := am.PostMultipart(t, path+"/replies", url.Values{"body": {"Checked internally: the LTE carrier has night maintenance."}, "internal": {"1"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("note: %d\n%s", r.StatusCode, r.Body)
	}
	if n := rowCount(t, env, "SELECT count(*) FROM support_tickets WHERE id = $1 AND status = 'open' AND first_response_at IS NULL", id); n != 1 {
		t.Error("a note changed the ticket")
	}
	r := am.PostMultipart(t, path+"/replies", url.Values{"body": {"Your carrier maintains its network from 02:00 to 02:10 each night."}, "status": {"waiting_on_partner"}},
		webtest.File{Field: "files", Name: "schedule.pdf", Data: []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer: %d\n%s", r.StatusCode, r.Body)
	}
	if n := rowCount(t, env, `SELECT count(*) FROM support_tickets WHERE id = $1 AND status = 'waiting_on_partner'
		AND first_response_at IS NOT NULL AND waiting_since IS NULL`, id); n != 1 {
		t.Error("the answer did not leave the ticket waiting on the partner, answered")
	}
	if n := rowCount(t, env, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE u.email = $1 AND n.topic = 'support' AND n.link LIKE '/support/tickets/%'`, webtest.PartnerA); n != 1 {
		t.Errorf("%d notices for the partner, want 1 (the answer, not the note)", n)
	}
	if n := rowCount(t, env, `SELECT count(*) FROM mail_messages WHERE to_address = $1 AND kind = 'support'`, webtest.PartnerA); n != 1 {
		t.Errorf("%d e-mails for the partner, want 1", n)
	}
	staffPage := am.Get(t, path)
	if staffPage.Doc.Find(".message--note").Length() != 1 || staffPage.Doc.Find(`.message__files a`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Text() == "schedule.pdf"
	}).Length() != 1 {
		t.Errorf("the staff thread lacks the note or the file: %s", staffPage.Text(".thread"))
	}
	partner := env.SignedIn(t, webtest.PartnerA).Get(t, "/support/tickets/"+webtest.Itoa(id))
	if got := partner.Text(".thread"); strings.Contains(got, "Checked internally") || !strings.Contains(got, "02:00 to 02:10") {
		t.Errorf("the partner's thread reads %q", got)
	}
	if got := partner.Text(".message--staff .message__by"); !strings.Contains(got, "Support team") {
		t.Errorf("the answer is signed %q", got)
	}
}

// TestAssignmentAndStatusAreAuditedAndChecked: an admin assigns the ticket to the company's
// account manager, who is told; someone who may not answer the company's tickets is refused
// under the field; setting the status is recorded; a closed ticket takes no reply until it
// is reopened.
func TestAssignmentAndStatusAreAuditedAndChecked(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	id := ticketID(t, env, "Gateway drops")
	path := "/admin/support/" + webtest.Itoa(id)
	admin := env.SignedIn(t, webtest.Admin)
	admin.Get(t, path)
	var amID, am2ID int64
	if err := env.Pool.QueryRow(context.Background(), "SELECT (SELECT id FROM users WHERE email = $1), (SELECT id FROM users WHERE email = $2)",
		webtest.AccountManager, webtest.AccountManager2).Scan(&amID, &am2ID); err != nil {
		t.Fatal(err)
	}
	if r := admin.PostForm(t, path+"/assign", url.Values{"assignee": {webtest.Itoa(am2ID)}}); r.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(r.Text("#f-assignee-error"), "may answer") {
		t.Errorf("assigning another company's manager: %d %q", r.StatusCode, r.Text("#f-assignee-error"))
	}
	if r := admin.PostForm(t, path+"/assign", url.Values{"assignee": {webtest.Itoa(amID)}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("assign: %d", r.StatusCode)
	}
	if n := rowCount(t, env, "SELECT count(*) FROM audit_events WHERE action = 'ticket.assign' AND after->>'assignee' = 'Amir Manager'"); n != 1 {
		t.Errorf("%d audit entries of the assignment, want 1", n)
	}
	if n := rowCount(t, env, "SELECT count(*) FROM notifications WHERE user_id = $1 AND title LIKE 'Assigned to you%'", amID); n != 1 {
		t.Errorf("%d notices of the assignment, want 1", n)
	}
	for _, bad := range []string{"", "pending", "open\x00"} {
		if r := admin.PostForm(t, path+"/status", url.Values{"status": {bad}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("status %q: %d, want 422", bad, r.StatusCode)
		}
	}
	if r := admin.PostForm(t, path+"/status", url.Values{"status": {"closed"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", r.StatusCode)
	}
	if r := admin.PostMultipart(t, path+"/replies", url.Values{"body": {"Too late?"}}); r.StatusCode != http.StatusConflict {
		t.Errorf("a reply to the closed ticket: %d, want 409", r.StatusCode)
	}
	if r := admin.PostForm(t, path+"/status", url.Values{"status": {"waiting_on_us"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reopen: %d", r.StatusCode)
	}
	if n := rowCount(t, env, `SELECT count(*) FROM support_tickets WHERE id = $1 AND status = 'waiting_on_us' AND waiting_since IS NOT NULL AND closed_at IS NULL`, id); n != 1 {
		t.Error("the reopened ticket does not wait on us")
	}
	if n := rowCount(t, env, "SELECT count(*) FROM audit_events WHERE action = 'ticket.status' AND subject LIKE 'Ticket #%'"); n != 2 {
		t.Errorf("%d audit entries of status changes, want 2", n)
	}
}

// TestInboxIsScopedAndWaitingFirst: an account manager's inbox holds their companies'
// tickets only, those waiting on staff first, each with its first-response target; the
// dashboard counts them.
func TestInboxIsScopedAndWaitingFirst(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	am := env.SignedIn(t, webtest.AccountManager)
	// a second ticket waiting, for longer than the demo's open one
	env.Exec(t, "UPDATE support_tickets SET status = 'waiting_on_us', waiting_since = $1 WHERE subject LIKE 'How do we raise%'", webtest.Start.AddDate(0, 0, -2))
	r := am.Get(t, "/admin/support")
	var subjects []string
	r.Doc.Find(".ticket-row__subject").Each(func(_ int, s *goquery.Selection) {
		subjects = append(subjects, strings.Join(strings.Fields(s.Text()), " "))
	})
	if len(subjects) != 2 || !strings.Contains(subjects[0], "How do we raise") || !strings.Contains(subjects[1], "Gateway drops") {
		t.Errorf("the inbox lists %q, want the longest wait first, then the new ticket", subjects)
	}
	if got := r.Text("#ticket-" + webtest.Itoa(ticketID(t, env, "Gateway drops"))); !strings.Contains(got, "7 h 40 min left") {
		t.Errorf("the new ticket's row reads %q", got)
	}
	if all := am.Get(t, "/admin/support?status=all"); all.Doc.Find(".ticket-row").Length() != 4 {
		t.Errorf("all tickets: %d rows, want Company A's 4", all.Doc.Find(".ticket-row").Length())
	}
	if found := am.Get(t, "/admin/support?status=all&q=umlauts"); found.Doc.Find(".ticket-row").Length() != 1 {
		t.Errorf("a search for umlauts finds %d tickets", found.Doc.Find(".ticket-row").Length())
	}
	if bad := am.Get(t, "/admin/support?q=%00x"); bad.StatusCode != http.StatusBadRequest || bad.Text("h1") != "That request could not be understood" {
		t.Errorf("a search with a NUL (refused at the edge, as every query value): %d %q", bad.StatusCode, bad.Text("h1"))
	}
	if long := am.Get(t, "/admin/support?q="+strings.Repeat("x", 101)); long.StatusCode != http.StatusOK || !strings.Contains(long.Text("#f-q-error"), "plain text") {
		t.Errorf("a search of 101 characters: %d %q", long.StatusCode, long.Text("#f-q-error"))
	}
	other := env.SignedIn(t, webtest.AccountManager2).Get(t, "/admin/support?status=all")
	if other.Doc.Find(".ticket-row").Length() != 0 || strings.Contains(other.Body, "Company A") {
		t.Error("another account manager's inbox shows Company A's tickets")
	}
	page := am.Get(t, "/admin/support/"+webtest.Itoa(ticketID(t, env, "Gateway drops")))
	if st := env.Stats(t, page); page.StatusCode != http.StatusOK || st.Queries > 2 || st.Wrote {
		t.Errorf("the ticket page: %d, %d queries (wrote: %v); want 200, at most 2 and no write", page.StatusCode, st.Queries, st.Wrote)
	}
	dash := am.Get(t, "/admin")
	if got := dash.Text("#support"); !strings.Contains(got, "2 Waiting on us") || !strings.Contains(got, "1 Waiting, nobody assigned") {
		t.Errorf("the dashboard's support counts read %q", got)
	}
}
