package partner_test

import (
	"context"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// TestProductWithoutConsumersSaysWhatWouldChangeThat: nobody has bought a listed product whose
// plan became read-only; its page says it cannot be bought until renewed, not "publish it".
func TestProductWithoutConsumersSaysWhatWouldChangeThat(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	a := env.CompanyID(t, "Company A")
	var id int64
	if err := env.Pool.QueryRow(context.Background(), `SELECT p.id FROM products p WHERE p.company_id = $1 AND p.module = 'hardware'
		AND p.status = 'published' AND p.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM purchases u WHERE u.product_id = p.id)
		ORDER BY p.id LIMIT 1`, a).Scan(&id); err != nil {
		t.Fatal(err)
	}
	c := env.SignedIn(t, webtest.PartnerA)
	path := "/products/" + webtest.Itoa(id)
	if got := c.Get(t, path).Text("section[aria-labelledby=consumers-title] .empty-state"); !strings.Contains(got, "List it in the Solutions Hub") {
		t.Errorf("usable plan: %q", got)
	}
	env.SetModuleState(t, a, "hardware", "expired")
	got := c.Get(t, path).Text("section[aria-labelledby=consumers-title] .empty-state")
	if !strings.Contains(got, "While its plan is read-only it cannot be bought") || strings.Contains(got, "Publish it") {
		t.Errorf("read-only plan: %q", got)
	}
}
