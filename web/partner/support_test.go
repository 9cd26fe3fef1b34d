package partner_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// pngBytes is a real (tiny) PNG image.
func pngBytes(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// ticketForm is a new ticket's fields, with changes.
func ticketForm(set ...string) url.Values {
	v := url.Values{"subject": {"Sensor readings arrive late"}, "module": {"hardware"}, "priority": {"urgent"},
		"description": {"Since Monday readings arrive ten minutes late.\r\nSee https://example.com/graph for the curve."}}
	for i := 0; i+1 < len(set); i += 2 {
		v.Set(set[i], set[i+1])
	}
	return v
}

// countRows counts what a query counts.
func countRows(t *testing.T, env *webtest.Env, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := env.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPartnerOpensATicketWithFiles: the ticket, its first message and its files are stored
// with the types read from their bytes; its page shows the thread with links to the files;
// the company's account manager is told in the portal and by e-mail; the trail records it.
func TestPartnerOpensATicketWithFiles(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerA)
	c.Get(t, "/support/new")
	r := c.PostMultipart(t, "/support/tickets", ticketForm(),
		webtest.File{Field: "files", Name: "graph.PNG", Data: pngBytes(t)},
		webtest.File{Field: "files", Name: "C:\\logs\\sensor.log", Data: []byte("10:00 reading late\n10:10 reading late\n")},
		webtest.File{Field: "files", Name: "export", Data: []byte("time,value\n10:00,21.5\n10:10,21.7\n")})
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/support/tickets/") {
		t.Fatalf("open a ticket: %d to %q\n%s", r.StatusCode, r.Header.Get("Location"), r.Body)
	}
	page := c.Get(t, r.Header.Get("Location"))
	if got := page.Text("h1"); !strings.Contains(got, "Sensor readings arrive late") {
		t.Errorf("the ticket page's heading is %q", got)
	}
	if got := page.Text("#flash"); !strings.Contains(got, "within 4 business hours") {
		t.Errorf("the flash says %q", got)
	}
	var files []string
	page.Doc.Find(".message__files a").Each(func(_ int, s *goquery.Selection) { files = append(files, s.Text()) })
	if strings.Join(files, "|") != "graph.PNG|sensor.log|export.csv" {
		t.Errorf("the thread links the files %q", files)
	}
	if a := page.Doc.Find(`.plain-text a[href="https://example.com/graph"]`); a.Length() != 1 {
		t.Errorf("the address in the description is not a link: %s", page.Text(".plain-text"))
	}
	var types string
	if err := env.Pool.QueryRow(context.Background(), `SELECT string_agg(a.content_type, '|' ORDER BY a.id) FROM support_attachments a
		JOIN support_tickets t ON t.id = a.ticket_id WHERE t.subject = 'Sensor readings arrive late'`).Scan(&types); err != nil {
		t.Fatal(err)
	}
	if types != "image/png|text/plain; charset=utf-8|text/csv" {
		t.Errorf("stored types %q", types)
	}
	if n := countRows(t, env, `SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE u.email = $1 AND n.topic = 'support' AND n.title LIKE 'New ticket from Company A%'`, webtest.AccountManager); n != 1 {
		t.Errorf("%d notices for the account manager, want 1", n)
	}
	if n := countRows(t, env, `SELECT count(*) FROM mail_messages WHERE to_address = $1 AND kind = 'support'`, webtest.AccountManager); n != 1 {
		t.Errorf("%d e-mails for the account manager, want 1", n)
	}
	if n := countRows(t, env, `SELECT count(*) FROM audit_events WHERE action = 'ticket.open' AND module = 'support'`); n != 1 {
		t.Errorf("%d audit entries of the opening, want 1", n)
	}
}
