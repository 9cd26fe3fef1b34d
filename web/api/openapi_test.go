package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"partnerportal/web"
	"partnerportal/web/api"
	"partnerportal/web/webtest"
)

// TestOpenAPIDocumentMatchesTheHandlers sends the API a request for every response the OpenAPI
// document promises, and checks each answer against the document: the status is documented for
// the operation, the body is JSON that validates against the documented schema (required
// fields, types, enums), and documented headers are there. It also checks that no documented
// response is left without such a request.
func TestOpenAPIDocumentMatchesTheHandlers(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, func(cfg *web.Config) { cfg.APIBurst = 3; cfg.ClaimTimeout = 200 * time.Millisecond })
	ctx := context.Background()
	doc := openAPIDoc(t)
	partner := env.SignedIn(t, webtest.PartnerA)
	newKey := func() string { return partner.CreateAPIKey(t, "Contract", "sandbox") }
	exhaust := func(key string) {
		for range 3 {
			env.CallAPI(t, key, http.MethodGet, "/api/v1/entitlements", nil)
		}
	}
	var companyA int64
	if err := env.Pool.QueryRow(ctx, "SELECT id FROM partner_companies WHERE name = 'Company A'").Scan(&companyA); err != nil {
		t.Fatal(err)
	}
	// holdKey leaves a report of key in flight until the case ends.
	holdKey := func(key string) func() { return holdUsageKey(t, env.Pool, companyA, key) }
	huge := bytes.Repeat([]byte(" "), 3<<20)
	// A second portal whose database the cases below cut, with a key made before.
	down := webtest.NewCuttable(t)
	downKey := down.SignedIn(t, webtest.PartnerA).CreateAPIKey(t, "Outage", "sandbox")
	var cut sync.Once
	unavailable := func(method, path string, body any) webtest.APIResponse {
		cut.Do(func() { down.CutDatabase(t) })
		return down.CallAPI(t, downKey, method, path, body)
	}
	batch := func(rs ...any) map[string]any { return map[string]any{"reports": rs} }

	type contractCase struct {
		name   string
		method string
		path   string // as documented
		status int
		call   func() webtest.APIResponse
	}
	usage, batchPath, ents := "/api/v1/usage", "/api/v1/usage/batch", "/api/v1/entitlements"
	cases := []contractCase{
		{"accepted", "POST", usage, 200, func() webtest.APIResponse { return env.CallAPI(t, newKey(), "POST", usage, webtest.Messages(1, "c-1")) }},
		{"malformed", "POST", usage, 400, func() webtest.APIResponse { return env.CallAPI(t, newKey(), "POST", usage, "{not json") }},
		{"not a JSON object", "POST", usage, 400, func() webtest.APIResponse { return env.CallAPI(t, newKey(), "POST", usage, "[1, 2]") }},
		{"no key", "POST", usage, 401, func() webtest.APIResponse { return env.CallAPI(t, "", "POST", usage, webtest.Messages(1, "c-2")) }},
		{"unknown key", "POST", usage, 401, func() webtest.APIResponse {
			return env.CallAPI(t, "pp_sbx_unknown", "POST", usage, webtest.Messages(1, "c-2"))
		}},
		{"no such plan", "POST", usage, 403, func() webtest.APIResponse {
			return env.CallAPI(t, newKey(), "POST", usage, webtest.UsageReport{Module: "hardware", Metric: "devices", Quantity: 1, IdempotencyKey: "c-3"})
		}},
		{"in flight", "POST", usage, 409, func() webtest.APIResponse {
			defer holdKey("c-held")()
			return env.CallAPI(t, newKey(), "POST", usage, webtest.Messages(1, "c-held"))
		}},
		{"too large", "POST", usage, 413, func() webtest.APIResponse { return env.CallAPI(t, newKey(), "POST", usage, huge) }},
		{"invalid fields", "POST", usage, 422, func() webtest.APIResponse {
			return env.CallAPI(t, newKey(), "POST", usage, `{"module":"firmware","quantity":"many","occurred_at":"yesterday"}`)
		}},
		{"devices below zero", "POST", usage, 422, func() webtest.APIResponse {
			return env.CallAPI(t, newKey(), "POST", usage, webtest.UsageReport{Module: "software", Metric: "devices", Quantity: -1, IdempotencyKey: "c-4"})
		}},
		{"key reused", "POST", usage, 422, func() webtest.APIResponse {
			k := newKey()
			env.CallAPI(t, k, "POST", usage, webtest.Messages(1, "c-5"))
			return env.CallAPI(t, k, "POST", usage, webtest.Messages(2, "c-5"))
		}},
		{"would exceed the allowance", "POST", usage, 429, func() webtest.APIResponse {
			return env.CallAPI(t, newKey(), "POST", usage, webtest.Messages(1000, "c-6"))
		}},
		{"database unreachable", "POST", usage, 503, func() webtest.APIResponse { return unavailable("POST", usage, webtest.Messages(1, "c-8")) }},
		{"rate limited", "POST", usage, 429, func() webtest.APIResponse {
			k := newKey()
			exhaust(k)
			return env.CallAPI(t, k, "POST", usage, webtest.Messages(1, "c-7"))
		}},

		{"batch answered", "POST", batchPath, 200, func() webtest.APIResponse {
			return env.CallAPI(t, newKey(), "POST", batchPath, batch(webtest.Messages(1, "b-1"), map[string]any{"module": "x"}, webtest.Messages(1000, "b-2"),
				webtest.UsageReport{Module: "hardware", Metric: "messages", Quantity: 1, IdempotencyKey: "b-3"}, webtest.Messages(1, "b-1"), webtest.Messages(3, "b-1"), "a string"))
		}},
		{"batch malformed", "POST", batchPath, 400, func() webtest.APIResponse { return env.CallAPI(t, newKey(), "POST", batchPath, "reports") }},
		{"batch no key", "POST", batchPath, 401, func() webtest.APIResponse {
			return env.CallAPI(t, "", "POST", batchPath, batch(webtest.Messages(1, "b-4")))
		}},
		{"batch in flight", "POST", batchPath, 409, func() webtest.APIResponse {
			defer holdKey("b-held")()
			return env.CallAPI(t, newKey(), "POST", batchPath, batch(webtest.Messages(1, "b-5"), webtest.Messages(1, "b-held")))
		}},
		{"batch too large", "POST", batchPath, 413, func() webtest.APIResponse { return env.CallAPI(t, newKey(), "POST", batchPath, huge) }},
		{"batch empty", "POST", batchPath, 422, func() webtest.APIResponse { return env.CallAPI(t, newKey(), "POST", batchPath, batch()) }},
		{"batch too long", "POST", batchPath, 422, func() webtest.APIResponse {
			rs := make([]any, 1001)
			for i := range rs {
				rs[i] = webtest.Messages(1, fmt.Sprintf("long-%d", i))
			}
			return env.CallAPI(t, newKey(), "POST", batchPath, batch(rs...))
		}},
		{"batch of the wrong type", "POST", batchPath, 422, func() webtest.APIResponse { return env.CallAPI(t, newKey(), "POST", batchPath, `{"reports": 5}`) }},
		{"batch, database unreachable", "POST", batchPath, 503, func() webtest.APIResponse {
			return unavailable("POST", batchPath, batch(webtest.Messages(1, "b-7")))
		}},
		{"batch rate limited", "POST", batchPath, 429, func() webtest.APIResponse {
			k := newKey()
			exhaust(k)
			return env.CallAPI(t, k, "POST", batchPath, batch(webtest.Messages(1, "b-6")))
		}},

		{"entitlements", "GET", ents, 200, func() webtest.APIResponse { return env.CallAPI(t, newKey(), "GET", ents, nil) }},
		{"entitlements, unreadable address", "GET", ents, 400, func() webtest.APIResponse {
			return env.CallAPI(t, newKey(), "GET", ents+"?module=%00", nil)
		}},
		{"entitlements, database unreachable", "GET", ents, 503, func() webtest.APIResponse { return unavailable("GET", ents, nil) }},
		{"entitlements revoked key", "GET", ents, 401, func() webtest.APIResponse {
			k := newKey()
			var id int64
			if err := env.Pool.QueryRow(ctx, "SELECT id FROM api_keys ORDER BY id DESC LIMIT 1").Scan(&id); err != nil {
				t.Fatal(err)
			}
			partner.PostForm(t, "/api-keys/"+webtest.Itoa(id)+"/revoke", nil)
			return env.CallAPI(t, k, "GET", ents, nil)
		}},
		{"entitlements rate limited", "GET", ents, 429, func() webtest.APIResponse {
			k := newKey()
			exhaust(k)
			return env.CallAPI(t, k, "GET", ents, nil)
		}},
		{"the document", "GET", "/api/openapi.json", 200, func() webtest.APIResponse { return env.CallAPI(t, "", "GET", "/api/openapi.json", nil) }},
	}

	covered := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.call()
			if r.Status != tc.status {
				t.Fatalf("%s %s: status %d, want %d\n%s", tc.method, tc.path, r.Status, tc.status, r.Body)
			}
			resp, ok := doc.response(tc.method, tc.path, r.Status)
			if !ok {
				t.Fatalf("%s %s answered %d, which the document does not describe", tc.method, tc.path, r.Status)
			}
			covered[fmt.Sprintf("%s %s %d", tc.method, tc.path, r.Status)] = true
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
			var body any
			if err := json.Unmarshal(r.Body, &body); err != nil {
				t.Fatalf("the body is not JSON: %v\n%s", err, r.Body)
			}
			if err := resp.schema.Validate(body); err != nil {
				t.Errorf("the body does not match the documented schema:\n%v\nbody: %s", err, r.Body)
			}
			for _, h := range resp.headers {
				if code := str(r.JSON, "code"); h == "Retry-After" && (code == "rate_limited" || code == "unavailable") {
					if n, err := strconv.Atoi(r.Header.Get(h)); err != nil || n < 1 {
						t.Errorf("Retry-After %q, want whole seconds", r.Header.Get(h))
					}
				}
			}
		})
	}
	for _, want := range doc.all() {
		if !covered[want] {
			t.Errorf("no request checks the documented response %s", want)
		}
	}
}

// openAPI is the parsed document with its response schemas compiled.
type openAPI struct {
	t     *testing.T
	raw   map[string]any
	comp  *jsonschema.Compiler
	cache map[string]documentedResponse
}

type documentedResponse struct {
	schema  *jsonschema.Schema
	headers []string
}

func openAPIDoc(t *testing.T) *openAPI {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal(api.OpenAPI, &raw); err != nil {
		t.Fatalf("the OpenAPI document is not JSON: %v", err)
	}
	if raw["openapi"] != "3.1.0" {
		t.Errorf("openapi %v, want 3.1.0", raw["openapi"])
	}
	res, err := jsonschema.UnmarshalJSON(bytes.NewReader(api.OpenAPI))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource("https://portal.example/openapi.json", res); err != nil {
		t.Fatal(err)
	}
	return &openAPI{t: t, raw: raw, comp: c, cache: map[string]documentedResponse{}}
}

// pointerEscape escapes a JSON pointer token.
func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// response finds the documented response of an operation, following a $ref to
// #/components/responses, and compiles its JSON schema.
func (d *openAPI) response(method, path string, status int) (documentedResponse, bool) {
	key := fmt.Sprintf("%s %s %d", method, path, status)
	if r, ok := d.cache[key]; ok {
		return r, true
	}
	op, _ := d.raw["paths"].(map[string]any)[path].(map[string]any)[strings.ToLower(method)].(map[string]any)
	if op == nil {
		return documentedResponse{}, false
	}
	ptr := "#/paths/" + pointerEscape(path) + "/" + strings.ToLower(method) + "/responses/" + strconv.Itoa(status)
	resp, _ := op["responses"].(map[string]any)[strconv.Itoa(status)].(map[string]any)
	if resp == nil {
		return documentedResponse{}, false
	}
	if ref, ok := resp["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/responses/")
		resp = d.raw["components"].(map[string]any)["responses"].(map[string]any)[name].(map[string]any)
		ptr = ref
	}
	sch, err := d.comp.Compile("https://portal.example/openapi.json" + ptr + "/content/application~1json/schema")
	if err != nil {
		d.t.Fatalf("compile the schema of %s: %v", key, err)
	}
	out := documentedResponse{schema: sch}
	if hs, ok := resp["headers"].(map[string]any); ok {
		for h := range hs {
			out.headers = append(out.headers, h)
		}
	}
	d.cache[key] = out
	return out, true
}

// all lists every documented response as "METHOD path status".
func (d *openAPI) all() []string {
	var out []string
	for path, item := range d.raw["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			for status := range op.(map[string]any)["responses"].(map[string]any) {
				out = append(out, fmt.Sprintf("%s %s %s", strings.ToUpper(method), path, status))
			}
		}
	}
	sort.Strings(out)
	return out
}
