package partner_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"partnerportal/web/webtest"
)

// importFile posts file as an upload named name to the import, as the form does.
func importFile(t *testing.T, env *webtest.Env, c *webtest.Client, name string, file []byte) *webtest.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if err := w.WriteField("_csrf", c.CSRFToken()); err != nil {
		t.Fatal(err)
	}
	if name != "" {
		part, err := w.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		part.Write(file)
	}
	w.Close()
	req, err := http.NewRequest(http.MethodPost, env.URL+"/expressconnect/import", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(t, req)
}

func TestImportAnExportAsANewDesign(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerC)
	id := designIDByName(t, env, "AirQ Indoor Sensor")
	export := c.Get(t, "/expressconnect/designs/"+id+".json").Body
	r := importFile(t, env, c, "airq-indoor-sensor-v1.json", []byte(export))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("import: %d\n%s", r.StatusCode, r.Text("#import"))
	}
	copyID := designIDByName(t, env, "AirQ Indoor Sensor (copy)")
	page := c.Get(t, "/expressconnect/designs/"+copyID)
	if !strings.Contains(page.Text("#flash"), "Imported from airq-indoor-sensor-v1.json") {
		t.Errorf("flash %q", page.Text("#flash"))
	}
	// The same product (matched by its slug), the same content.
	again := c.Get(t, "/expressconnect/designs/"+copyID+".json").Body
	if strings.Replace(again, "AirQ Indoor Sensor (copy)", "AirQ Indoor Sensor", 1) != export {
		t.Errorf("the imported design exports differently:\n%s\n---\n%s", export, again)
	}
	list := c.Get(t, "/expressconnect")
	if got := list.Text(".designs-table tbody"); !strings.Contains(got, "AirQ Indoor Sensor (copy)") || !strings.Contains(got, "Imported from airq-indoor-sensor-v1.json") {
		t.Errorf("the list: %q", got)
	}
	// Company B imports it too: B has no such product, so it arrives unlinked.
	b := env.SignedIn(t, webtest.PartnerB)
	b.Get(t, "/expressconnect")
	if r := importFile(t, env, b, "from-c.json", []byte(export)); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("B's import: %d", r.StatusCode)
	}
	var product *int64
	if err := env.Pool.QueryRow(context.Background(), `SELECT v.product_id FROM device_design_versions v JOIN device_designs d ON d.id = v.design_id
		JOIN partner_companies c ON c.id = d.company_id WHERE c.name = 'Company B' AND d.name = 'AirQ Indoor Sensor'`).Scan(&product); err != nil || product != nil {
		t.Errorf("B's import links product %v (%v), want none", product, err)
	}
	var n int
	if err := env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_events WHERE action = 'device_design.import'`).Scan(&n); err != nil || n != 2 {
		t.Errorf("%d import audit entries (%v), want 2", n, err)
	}
}

// TestImportRefusesBadFilesWithReasons: whatever arrives, the answer is a 4xx naming what is
// wrong, and nothing is stored.
func TestImportRefusesBadFilesWithReasons(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerC)
	good := c.Get(t, "/expressconnect/designs/"+designIDByName(t, env, "AirQ Indoor Sensor")+".json").Body
	tests := []struct {
		name, file string
		body       []byte
		status     int
		want       string
	}{
		{"no file", "", nil, http.StatusUnprocessableEntity, "Choose a design file"},
		{"an empty file", "e.json", nil, http.StatusUnprocessableEntity, "The file is empty"},
		{"malformed JSON", "m.json", []byte(`{"format": "expressconnect-device-design",` + "\n" + `"name": }`), http.StatusUnprocessableEntity, "Line 2"},
		{"not UTF-8", "u.json", []byte("{\"name\": \"\xff\"}"), http.StatusUnprocessableEntity, "not UTF-8"},
		{"a file over 256 KB", "big.json", bytes.Repeat([]byte(" "), 300<<10), http.StatusRequestEntityTooLarge, "larger than 256 KB"},
		{"a request far over the limit", "huge.json", bytes.Repeat([]byte("["), 2<<20), http.StatusRequestEntityTooLarge, "larger than 256 KB"},
		{"deep nesting", "deep.json", []byte(strings.Repeat("[", 5000) + strings.Repeat("]", 5000)), http.StatusUnprocessableEntity, "nest more than"},
		{"wrong types", "types.json", []byte(strings.Replace(good, `"protocol": "mqtt"`, `"protocol": 7`, 1)), http.StatusUnprocessableEntity, "protocol"},
		{"an array", "a.json", []byte(`[1, 2]`), http.StatusUnprocessableEntity, "Expected object"},
		{"rules broken", "r.json", []byte(strings.Replace(good, `"name": "pm25"`, `"name": "co2"`, 1)), http.StatusUnprocessableEntity, "already called “co2”"},
		{"a NUL in text", "n.json", []byte(strings.Replace(good, `Room air`, `Room\u0000air`, 1)), http.StatusUnprocessableEntity, "control characters"},
		{"trailing data", "t.json", []byte(good + "{}"), http.StatusUnprocessableEntity, "more after the end"},
		{"many problems", "many.json", []byte(strings.Replace(good, `"attributes": [`, `"attributes": [`+strings.Repeat(`{"name": "Bad"},`, 60), 1)),
			http.StatusUnprocessableEntity, "more problems"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := importFile(t, env, c, tt.file, tt.body)
			if r.StatusCode != tt.status {
				t.Errorf("%d, want %d", r.StatusCode, tt.status)
			}
			if got := r.Text("#import-problems"); !strings.Contains(got, tt.want) {
				t.Errorf("the problems read %q, want %q", got, tt.want)
			}
			if r.Doc.Find(`#f-file[aria-invalid="true"]`).Length() != 1 {
				t.Error("the file field is not marked invalid")
			}
		})
	}
	// Not a multipart form at all, and a broken one.
	if r := c.PostForm(t, "/expressconnect/import", nil); r.StatusCode >= 500 || r.StatusCode < 400 {
		t.Errorf("a plain form: %d", r.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, env.URL+"/expressconnect/import?_csrf="+c.CSRFToken(), strings.NewReader("--x\r\nbroken"))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	req.Header.Set("X-CSRF-Token", c.CSRFToken())
	if r := c.Do(t, req); r.StatusCode >= 500 || r.StatusCode < 400 {
		t.Errorf("a broken multipart body: %d", r.StatusCode)
	}
	var n int
	if err := env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM device_designs`).Scan(&n); err != nil || n != 7 {
		t.Errorf("%d designs (%v), want the demo's 7", n, err)
	}
}
