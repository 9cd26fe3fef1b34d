package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestPicturesDoNotReadTheSession: a Hub page's pictures are public and addressed by their
// content, so a signed-in visitor's picture requests cost one read of the picture, not a read
// of the session each as well.
func TestPicturesDoNotReadTheSession(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.Consumer)
	hub := c.Get(t, "/hub")
	src, ok := hub.Doc.Find(`img[src^="/pictures/"]`).First().Attr("src")
	if !ok {
		t.Fatal("the demo Hub shows no picture")
	}
	r := c.Get(t, src)
	if r.StatusCode != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "image/") {
		t.Fatalf("GET %s: %d %s", src, r.StatusCode, r.Header.Get("Content-Type"))
	}
	if st := env.Stats(t, r); st.Queries != 1 {
		t.Errorf("GET %s signed in: %d round trips to the database, want 1 (the picture alone)", src, st.Queries)
	}
	if r.Header.Get("Set-Cookie") != "" {
		t.Errorf("a picture sets a cookie: %q", r.Header.Get("Set-Cookie"))
	}
}

// TestAClientThatLeavesIsNotAServerError: a request whose client went away before it was
// answered (a page left while it loaded) is logged as such, not as a failure, and answered with
// no page.
func TestAClientThatLeavesIsNotAServerError(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	cookie := env.SignedIn(t, webtest.PartnerA).Cookie("session")
	partner := env.SignedIn(t, webtest.PartnerB)
	key := partner.CreateAPIKey(t, "leaves early", "production")
	report, err := json.Marshal(webtest.Messages(1, "left-early"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	page := httptest.NewRequest(http.MethodGet, "/services", nil).WithContext(ctx)
	page.AddCookie(&http.Cookie{Name: "session", Value: cookie})
	usage := httptest.NewRequest(http.MethodPost, "/api/v1/usage", bytes.NewReader(report)).WithContext(ctx)
	usage.Header.Set("Authorization", "Bearer "+key)
	usage.Header.Set("Content-Type", "application/json")
	for _, req := range []*http.Request{page, usage} {
		rec := httptest.NewRecorder()
		env.App.ServeHTTP(rec, req)
		if rec.Code != 499 || rec.Body.Len() != 0 {
			t.Errorf("%s %s whose client left: %d with %d bytes, want 499 and nothing", req.Method, req.URL.Path, rec.Code, rec.Body.Len())
		}
	}
	if got := env.ServerErrors(); got != "" {
		t.Errorf("the server logged errors for a client that left:\n%s", got)
	}
}
