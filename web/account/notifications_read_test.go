package account_test

import (
	"context"
	"net/http"
	"testing"

	"partnerportal/web/webtest"
)

// TestMarkingNoticesRead: a partner with three unread notices marks the middle one read with
// its own button, then all of them with "Mark all read". After each step the bell counts what
// is left and only the notices still unread carry the unread mark and a "Mark read" button.
func TestMarkingNoticesRead(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ids := addNotices(t, env, webtest.PartnerA, 3)
	c := env.SignedIn(t, webtest.PartnerA)
	notice := func(i int) string { return "#notice-" + webtest.Itoa(ids[i]) }
	for _, step := range []struct {
		name, form string // the form the partner submits, "" to only look
		bell       string
		unread     []int // indexes into ids
		flash      string
	}{
		{"before", "", "3 unread", []int{0, 1, 2}, ""},
		{"mark one read", notice(1) + ` form[action$="/read"]`, "2 unread", []int{0, 2}, ""},
		{"mark all read", `form[action="/notifications/read"]`, "", nil, "All notifications are marked read."},
	} {
		page := c.Get(t, "/notifications")
		if step.form != "" {
			action, ok := page.Doc.Find(step.form).Attr("action")
			if !ok {
				t.Fatalf("%s: no form %s on the page", step.name, step.form)
			}
			r := c.PostForm(t, action, nil)
			if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/notifications" {
				t.Fatalf("%s: POST %s answered %d to %q, want 303 to /notifications", step.name, action, r.StatusCode, r.Header.Get("Location"))
			}
			page = c.Get(t, "/notifications")
		}
		if got := page.Text("#bell .bell__count"); got != step.bell {
			t.Errorf("%s: the bell shows %q, want %q", step.name, got, step.bell)
		}
		for i := range ids {
			li := page.Doc.Find(notice(i))
			want := false
			for _, u := range step.unread {
				want = want || u == i
			}
			if got := li.HasClass("notice--unread"); got != want {
				t.Errorf("%s: notice %d marked unread = %v, want %v", step.name, i+1, got, want)
			}
			if got := li.Find("button").Length() == 1 && text(li.Find("button")) == "Mark read"; got != want {
				t.Errorf("%s: notice %d has a Mark read button = %v, want %v", step.name, i+1, got, want)
			}
		}
		if got := page.Doc.Find(`form[action="/notifications/read"]`).Length() == 1; got != (len(step.unread) > 0) {
			t.Errorf("%s: Mark all read offered = %v with %d unread", step.name, got, len(step.unread))
		}
		if got := page.Text("#flash .flash__text"); step.flash != "" && got != step.flash {
			t.Errorf("%s: the flash says %q, want %q", step.name, got, step.flash)
		}
	}
}

// TestMarkingAnotherUsersNoticeIsNotFound: a partner who posts to the address of a notice that
// is not theirs gets 404, as for one that does not exist, and the owner's notice stays unread.
func TestMarkingAnotherUsersNoticeIsNotFound(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	theirs := addNotices(t, env, webtest.PartnerB, 1)[0]
	mine := addNotices(t, env, webtest.PartnerA, 1)[0]
	a := env.SignedIn(t, webtest.PartnerA)
	a.Get(t, "/notifications")
	for _, tt := range []struct{ name, id string }{
		{"another partner's notice", webtest.Itoa(theirs)},
		{"a notice that does not exist", webtest.Itoa(theirs + mine + 1000)},
		{"not a number", "abc"},
		{"zero", "0"},
	} {
		if r := a.PostForm(t, "/notifications/"+tt.id+"/read", nil); r.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", tt.name, r.StatusCode)
		}
	}
	if got := env.SignedIn(t, webtest.PartnerB).Get(t, "/notifications").Text("#bell .bell__count"); got != "1 unread" {
		t.Errorf("the owner's bell shows %q, want %q", got, "1 unread")
	}
	if got := a.Get(t, "/services").Text("#bell .bell__count"); got != "1 unread" {
		t.Errorf("the partner's own notice: bell shows %q, want %q", got, "1 unread")
	}
}

// TestViewingNoticesMarksNothingRead: opening the list, even twice, leaves every notice unread
// until the partner says otherwise, and the page writes nothing to the database.
func TestViewingNoticesMarksNothingRead(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	addNotices(t, env, webtest.PartnerA, 2)
	c := env.SignedIn(t, webtest.PartnerA)
	for i := range 2 {
		r := c.Get(t, "/notifications")
		if st := env.Stats(t, r); st.Wrote {
			t.Errorf("view %d of /notifications wrote to the database", i+1)
		}
		if got := r.Doc.Find(".notice--unread").Length(); got != 2 {
			t.Errorf("view %d: %d notices marked unread, want 2", i+1, got)
		}
	}
	var read int
	if err := env.Pool.QueryRow(context.Background(), "SELECT count(*) FROM notifications WHERE read_at IS NOT NULL").Scan(&read); err != nil || read != 0 {
		t.Errorf("%d notices have a read time after viewing (%v), want 0", read, err)
	}
}
