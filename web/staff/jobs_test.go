package staff_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/jobs"
	"partnerportal/web/mail"
	"partnerportal/web/webtest"
)

// busyServer is a mail server that refuses every message for now, so each send_mail job
// fails and waits for its next attempt. It counts the tries of each message.
type busyServer struct {
	mu    sync.Mutex
	tries map[string]int
}

func (s *busyServer) Send(_ context.Context, m mail.Message) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tries[m.ID]++
	return errors.New("451 4.3.2 try again later")
}

func (s *busyServer) triesOf(id string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tries[id]
}

// TestAdminRetriesAndCancelsAFailingJob: a password link the mail server refuses shows under
// "Retrying" with the server's answer; the admin cancels it, and it moves to "Cancelled" with
// no time to run at; "Retry" runs it again, which fails a second time.
func TestAdminRetriesAndCancelsAFailingJob(t *testing.T) {
	t.Parallel()
	server := &busyServer{tries: map[string]int{}}
	env := webtest.NewWithJobs(t, jobs.Config{Mail: server, RetryBase: time.Hour})
	visitor := env.Client(t)
	visitor.Get(t, "/password/forgot")
	if r := visitor.PostForm(t, "/password/forgot", form("email", webtest.PartnerB)); r.StatusCode != http.StatusOK {
		t.Fatalf("ask for a password link: %d", r.StatusCode)
	}
	admin := env.SignedIn(t, webtest.Admin)
	// The outbox names the message; its job is the send_mail job of that message. (The
	// account manager's digest may be failing alongside.)
	href := admin.Get(t, "/admin/outbox").Doc.Find(`tbody tr:contains("password_reset") th a`).AttrOr("href", "")
	message := strings.TrimPrefix(href, "/admin/outbox/")
	if message == "" {
		t.Fatal("the outbox lists no password link")
	}
	args := `{"message_id":` + message + `}`
	row := waitForJob(t, admin, args, "retryable", "Attempt 1: 451 4.3.2 try again later")
	id := strings.TrimPrefix(row, "job-")
	if got := admin.Get(t, "/admin/jobs").Text("#" + row + " td:first-of-type"); got != "1 of 12" {
		t.Errorf("attempts %q, want 1 of 12", got)
	}

	steps := []struct {
		action, flash, state, error string
		tries                       int
	}{
		{"cancel", "Job " + id + " is cancelled.", "cancelled", "Attempt 1: 451 4.3.2 try again later", 1},
		{"retry", "Job " + id + " will run again shortly.", "retryable", "Attempt 2: 451 4.3.2 try again later", 2},
	}
	for _, s := range steps {
		r := admin.PostForm(t, "/admin/jobs/"+id+"/"+s.action, nil)
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/admin/jobs" {
			t.Fatalf("%s: %d to %q, want 303 to /admin/jobs", s.action, r.StatusCode, r.Header.Get("Location"))
		}
		if flash := admin.Get(t, "/admin/jobs").Text("#flash"); !strings.Contains(flash, s.flash) {
			t.Errorf("after %s the page says %q, want %q", s.action, flash, s.flash)
		}
		waitForJob(t, admin, args, s.state, s.error)
		runsAt := admin.Get(t, "/admin/jobs").Text("#" + row + " td:nth-of-type(3)")
		if (s.state == "cancelled") != (runsAt == "") {
			t.Errorf("a %s job runs at %q", s.state, runsAt)
		}
		if got := server.triesOf(message); got != s.tries {
			t.Errorf("after %s the server was tried %d times, want %d", s.action, got, s.tries)
		}
	}
}

// TestJobsPageIsForAdminsOnly: account managers do not find the page nor its actions, and a
// job that does not exist is not found.
func TestJobsPageIsForAdminsOnly(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	admin, am := env.SignedIn(t, webtest.Admin), env.SignedIn(t, webtest.AccountManager)
	tests := []struct {
		name   string
		c      *webtest.Client
		method string
		path   string
		want   int
	}{
		{"admin sees the page", admin, http.MethodGet, "/admin/jobs", http.StatusOK},
		{"admin retries no such job", admin, http.MethodPost, "/admin/jobs/987654321/retry", http.StatusNotFound},
		{"admin cancels no such job", admin, http.MethodPost, "/admin/jobs/987654321/cancel", http.StatusNotFound},
		{"admin, an id that is not a number", admin, http.MethodPost, "/admin/jobs/abc/retry", http.StatusNotFound},
		{"account manager, page", am, http.MethodGet, "/admin/jobs", http.StatusNotFound},
		{"account manager, retry", am, http.MethodPost, "/admin/jobs/1/retry", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r *webtest.Response
			if tt.method == http.MethodPost {
				r = tt.c.PostForm(t, tt.path, nil)
			} else {
				r = tt.c.Get(t, tt.path)
			}
			if r.StatusCode != tt.want {
				t.Errorf("%s %s: %d, want %d", tt.method, tt.path, r.StatusCode, tt.want)
			}
		})
	}
}

// waitForJob reloads the jobs page until the send_mail job with args shows in the section of
// state with lastError, and returns its row's id ("job-42").
func waitForJob(t *testing.T, admin *webtest.Client, args, state, lastError string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		page := admin.Get(t, "/admin/jobs")
		row := page.Doc.Find(`section[aria-labelledby="jobs-` + state + `"] tbody tr:contains("send_mail")`).
			FilterFunction(func(_ int, tr *goquery.Selection) bool {
				return strings.ReplaceAll(tr.Find("th code").Text(), " ", "") == args
			})
		if row.Length() == 1 && strings.TrimSpace(row.Find("td.job-error").Text()) == lastError {
			return row.AttrOr("id", "")
		}
		if time.Now().After(deadline) {
			t.Fatalf("no send_mail job %s in %s with %q after 10 seconds; the page shows:\n%s", args, state, lastError, page.Text("main"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}
