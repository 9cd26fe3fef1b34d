package partner_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"partnerportal/web/webtest"
)

// BenchmarkMyServicesPage renders My Services for Company A's partner through the real router
// and middleware (session, user, access, the page's batch, the template), into a recorder, so the
// allocations reported are the server's alone.
//
//	go test -run='^$' -bench=MyServicesPage -benchmem ./web/partner/
func BenchmarkMyServicesPage(b *testing.B) {
	env := webtest.New(b)
	c := env.SignedIn(b, webtest.PartnerA)
	c.Get(b, "/services") // the first view after sign-in carries a flash
	cookie := &http.Cookie{Name: "session", Value: c.Cookie("session")}
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/services", nil)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		env.App.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET /services: %d", rec.Code)
		}
	}
}
