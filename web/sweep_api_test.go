package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// sweepAPI sends hostile reports to the usage API, field by field and as a batch, and hostile
// keys and parameters to every /api route, and returns the routes it covered.
func sweepAPI(t *testing.T, env *webtest.Env) map[string]bool {
	t.Helper()
	p := env.SignedIn(t, webtest.PartnerA)
	p.Get(t, "/api-keys")
	key := p.CreateAPIKey(t, "Sweep", "sandbox")
	check := func(what string, r webtest.APIResponse) {
		t.Helper()
		if r.Status >= 500 {
			t.Errorf("%s: status %d\n%s", what, r.Status, r.Body)
		}
	}
	// Each value raw in the JSON, as a string and where it stands alone as a number.
	valid := map[string]string{"module": `"software"`, "metric": `"messages"`, "quantity": `1`, "idempotency_key": `"sweep"`,
		"occurred_at": `"2026-11-25T08:00:00Z"`}
	report := func(field, raw string) string {
		var b strings.Builder
		b.WriteString("{")
		first := true
		for k, v := range valid {
			if k == field {
				v = raw
			}
			if !first {
				b.WriteString(",")
			}
			first = false
			b.WriteString(strconv.Quote(k) + ":" + v)
		}
		b.WriteString("}")
		return b.String()
	}
	var batch []string
	for field := range valid {
		for _, v := range hostile {
			raws := []string{`"` + strings.ReplaceAll(v, `"`, `\"`) + `"`, strconv.Quote(v), `{"a":1}`, `[]`, `null`, `true`}
			if _, err := strconv.ParseFloat(v, 64); err == nil || strings.HasPrefix(v, "0x") {
				raws = append(raws, v)
			}
			for _, raw := range raws {
				body := report(field, raw)
				check("usage "+field+"="+short(raw), env.CallAPI(t, key, http.MethodPost, "/api/v1/usage", body))
				batch = append(batch, body)
			}
		}
	}
	for _, body := range []string{"", "{", "null", "[]", `{"reports":null}`, `{"reports":{}}`, `{"reports":[1,"x",null]}`,
		`{"reports":[` + strings.Join(batch[:min(len(batch), 1000)], ",") + `]}`, "\xff\x00"} {
		check("usage batch "+short(body), env.CallAPI(t, key, http.MethodPost, "/api/v1/usage/batch", body))
	}
	for _, v := range hostile {
		check("entitlements ?x="+short(v), env.CallAPI(t, key, http.MethodGet, "/api/v1/entitlements?module="+urlQuery(v), nil))
		if !strings.ContainsFunc(v, func(r rune) bool { return r < ' ' }) { // a header cannot carry these at all
			check("entitlements key="+short(v), env.CallAPI(t, v, http.MethodGet, "/api/v1/entitlements", nil))
			check("usage key="+short(v), env.CallAPI(t, v, http.MethodPost, "/api/v1/usage", report("", "")))
		}
	}
	return map[string]bool{"POST /api/v1/usage": true, "POST /api/v1/usage/batch": true, "GET /api/v1/entitlements": true}
}
