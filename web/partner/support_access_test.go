package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// demoTicket is the id of a demo ticket, by the start of its subject, and of its first file
// (0 when it has none).
func demoTicket(t *testing.T, env *webtest.Env, subject string) (ticket, file int64) {
	t.Helper()
	if err := env.Pool.QueryRow(context.Background(), `SELECT t.id, coalesce(min(a.id), 0) FROM support_tickets t
		LEFT JOIN support_attachments a ON a.ticket_id = t.id WHERE t.subject LIKE $1 || '%' GROUP BY t.id`, subject).Scan(&ticket, &file); err != nil {
		t.Fatalf("demo ticket %q: %v", subject, err)
	}
	return ticket, file
}

// TestOtherCompaniesTicketsAndFilesAre404: Company A's ticket and file, asked for by Company
// B's user (or through another ticket's address, or a staff note's file by Company A's own
// user), answer 404 and change nothing.
func TestOtherCompaniesTicketsAndFilesAre404(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ticket, file := demoTicket(t, env, "Gateway drops")
	other, _ := demoTicket(t, env, "How do we raise")
	// a staff note of the other ticket, with a file
	var noteFile int64
	if err := env.Pool.QueryRow(context.Background(), `INSERT INTO support_attachments (message_id, ticket_id, filename, content_type, size, data, created_at)
		SELECT m.id, m.ticket_id, 'internal.txt', 'text/plain', 6, 'secret', now() FROM support_messages m
		WHERE m.ticket_id = $1 AND m.internal RETURNING id`, other).Scan(&noteFile); err != nil {
		t.Fatal(err)
	}
	b := env.SignedIn(t, webtest.PartnerB)
	a := env.SignedIn(t, webtest.PartnerA)
	base := "/support/tickets/" + webtest.Itoa(ticket)
	for _, tt := range []struct {
		name string
		c    *webtest.Client
		path string
		post bool
	}{
		{"another company's ticket", b, base, false},
		{"another company's file", b, base + "/attachments/" + webtest.Itoa(file), false},
		{"a reply to another company's ticket", b, base + "/replies", true},
		{"resolving another company's ticket", b, base + "/resolve", true},
		{"a file through another ticket's address", a, "/support/tickets/" + webtest.Itoa(other) + "/attachments/" + webtest.Itoa(file), false},
		{"a staff note's file", a, "/support/tickets/" + webtest.Itoa(other) + "/attachments/" + webtest.Itoa(noteFile), false},
		{"a ticket that does not exist", a, "/support/tickets/999999", false},
		{"a ticket id that is not a number", a, "/support/tickets/1x", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var r *webtest.Response
			if tt.post {
				tt.c.Get(t, "/support")
				r = tt.c.PostForm(t, tt.path, url.Values{"body": {"Hello"}})
			} else {
				r = tt.c.Get(t, tt.path)
			}
			if r.StatusCode != http.StatusNotFound {
				t.Errorf("%d, want 404", r.StatusCode)
			}
			if strings.Contains(r.Body, "Gateway") || strings.Contains(r.Body, "secret") {
				t.Error("the answer shows what it refused")
			}
		})
	}
	if n := countRows(t, env, "SELECT count(*) FROM support_messages WHERE ticket_id = $1", ticket); n != 1 {
		t.Errorf("the ticket has %d messages, want its 1", n)
	}
	if n := countRows(t, env, "SELECT count(*) FROM support_tickets WHERE id = $1 AND status = 'open'", ticket); n != 1 {
		t.Error("the ticket's status changed")
	}
	// the partner's page never shows staff notes, and reads everything in one round trip
	page := a.Get(t, "/support/tickets/"+webtest.Itoa(other))
	if strings.Contains(page.Body, "Propose a top-up") || strings.Contains(page.Body, "internal.txt") {
		t.Error("the partner's page shows a staff note")
	}
	if st := env.Stats(t, page); st.Queries > 2 || st.Wrote {
		t.Errorf("the ticket page ran %d queries (wrote: %v), want at most 2 and no write", st.Queries, st.Wrote)
	}
}

// TestFilesAreDownloadsNeverPages: a file comes as an attachment with its stored type, not to
// be sniffed; one stored with a type tickets do not take (HTML, SVG: put there by hand) goes
// as bytes, so no browser renders it.
func TestFilesAreDownloadsNeverPages(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ticket, file := demoTicket(t, env, "Gateway drops")
	insert := func(name, contentType, data string) int64 {
		var id int64
		if err := env.Pool.QueryRow(context.Background(), `INSERT INTO support_attachments (message_id, ticket_id, filename, content_type, size, data, created_at)
			SELECT m.id, m.ticket_id, $2, $3, length($4::bytea), $4::bytea, now() FROM support_messages m WHERE m.ticket_id = $1 RETURNING id`,
			ticket, name, contentType, data).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	html := insert("page.html", "text/html; charset=utf-8", "<html><script>alert(1)</script></html>")
	svg := insert("chart.svg", "image/svg+xml", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)
	a := env.SignedIn(t, webtest.PartnerA)
	am := env.SignedIn(t, webtest.AccountManager)
	tests := []struct {
		name, path, contentType, disposition string
		c                                    *webtest.Client
	}{
		{"a log, to the partner", "/support/tickets/%d/attachments/" + webtest.Itoa(file), "text/plain; charset=utf-8", `attachment; filename=sensehub-0412.log`, a},
		{"a log, to staff", "/admin/support/%d/attachments/" + webtest.Itoa(file), "text/plain; charset=utf-8", `attachment; filename=sensehub-0412.log`, am},
		{"HTML stored by hand", "/support/tickets/%d/attachments/" + webtest.Itoa(html), "application/octet-stream", `attachment; filename=page.html`, a},
		{"SVG stored by hand", "/admin/support/%d/attachments/" + webtest.Itoa(svg), "application/octet-stream", `attachment; filename=chart.svg`, am},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.c.Get(t, strings.Replace(tt.path, "%d", webtest.Itoa(ticket), 1))
			if r.StatusCode != http.StatusOK {
				t.Fatalf("status %d", r.StatusCode)
			}
			h := r.Header
			if h.Get("Content-Type") != tt.contentType || h.Get("Content-Disposition") != tt.disposition {
				t.Errorf("Content-Type %q, Content-Disposition %q; want %q, %q", h.Get("Content-Type"), h.Get("Content-Disposition"), tt.contentType, tt.disposition)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
				t.Errorf("X-Content-Type-Options %q, CSP %q", h.Get("X-Content-Type-Options"), h.Get("Content-Security-Policy"))
			}
		})
	}
}
