package partner_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/web/webtest"
)

// editForm is the designer of a stored design as its edit page renders it: every named
// control with its value, as a browser would post it.
func editForm(t *testing.T, c *webtest.Client, id string) url.Values {
	t.Helper()
	r := c.Get(t, "/expressconnect/designs/"+id+"/edit")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("edit page: %d", r.StatusCode)
	}
	form := url.Values{}
	r.Doc.Find("form#designer input, form#designer select, form#designer textarea").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok || name == "_csrf" {
			return
		}
		switch typ, _ := s.Attr("type"); {
		case goquery.NodeName(s) == "select":
			form.Add(name, s.Find("option[selected]").AttrOr("value", s.Find("option").First().AttrOr("value", "")))
		case goquery.NodeName(s) == "textarea":
			form.Add(name, s.Text())
		case typ == "checkbox":
			if _, on := s.Attr("checked"); on {
				form.Add(name, s.AttrOr("value", "1"))
			}
		default:
			form.Add(name, s.AttrOr("value", ""))
		}
	})
	form.Set("op", "save")
	return form
}

func TestSavingADesignKeepsEveryVersion(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerC)
	id := designIDByName(t, env, "AirQ Indoor Sensor")
	form := editForm(t, c, id)
	if form.Get("version") != "1" || form.Get("attributes.0.name") != "co2" || form.Get("flows.0.condition") != "co2" {
		t.Fatalf("the edit form reads %v", form)
	}

	// Saved unchanged: nothing to store.
	r := c.PostForm(t, "/expressconnect/designs/"+id, form)
	if r.StatusCode != http.StatusSeeOther || !strings.Contains(c.Get(t, r.Header.Get("Location")).Text("#flash"), "Nothing changed") {
		t.Fatalf("an unchanged save: %d", r.StatusCode)
	}

	// A changed maximum and a new attribute: version 2, version 1 kept as it was.
	changed := with(form, "attributes.0.maximum", "4000", "attributes.9.name", "noise", "attributes.9.type", "integer", "attributes.9.unit", "dB")
	r = c.PostForm(t, "/expressconnect/designs/"+id, changed)
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.StatusCode, r.Text(".form__error, .field__error"))
	}
	var versions int
	var current int32
	var firstMax string
	if err := env.Pool.QueryRow(context.Background(), `SELECT d.version, (SELECT count(*) FROM device_design_versions WHERE design_id = d.id),
		(SELECT model #>> '{attributes,0,maximum}' FROM device_design_versions WHERE design_id = d.id AND version = 1)
		FROM device_designs d WHERE d.id = $1`, id).Scan(&current, &versions, &firstMax); err != nil {
		t.Fatal(err)
	}
	if current != 2 || versions != 2 || firstMax != "5000" {
		t.Errorf("version %d with %d versions, version 1's maximum %s; want 2, 2, 5000", current, versions, firstMax)
	}
	page := c.Get(t, "/expressconnect/designs/"+id)
	if !strings.Contains(page.Text("#flash"), "saved as version 2") || page.Doc.Find(`a[href="/expressconnect/designs/`+id+`?version=1"]`).Length() != 1 {
		t.Errorf("the page after saving: %q", page.Text("#flash"))
	}
	old := c.Get(t, "/expressconnect/designs/"+id+"?version=1")
	if !strings.Contains(old.Text("main"), "This is version 1") || !strings.Contains(old.Text("#design-payload-schema"), `"maximum": 5000`) {
		t.Errorf("version 1 is not shown as it was")
	}
	if exp := c.Get(t, "/expressconnect/designs/"+id+".json?version=1"); !strings.Contains(exp.Body, `"version": 1`) {
		t.Errorf("the export of version 1: %s", exp.Body)
	}

	// What changed, version 1 to 2.
	cmp := c.Get(t, "/expressconnect/designs/"+id+"/compare")
	if got := cmp.Text("#changes-title"); got != "What changed from version 1 to version 2" {
		t.Errorf("the comparison is titled %q", got)
	}
	if got := cmp.Text(".change--changed code"); got != "co2" || cmp.Text(".change--changed .change__details") != "maximum: 5000 → 4000" {
		t.Errorf("changed: %q %q", got, cmp.Text(".change--changed .change__details"))
	}
	if got := cmp.Text(".change--added code"); got != "noise" {
		t.Errorf("added: %q", got)
	}

	// The form opened at version 1 is now stale: refused, nothing stored.
	r = c.PostForm(t, "/expressconnect/designs/"+id, with(form, "description", "Someone else's change"))
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Text(".form__error"), "Someone saved a newer version") {
		t.Errorf("a stale save: %d %q", r.StatusCode, r.Text(".form__error"))
	}
	var audits int
	if err := env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_events WHERE action = 'device_design.update'
		AND after ->> 'design_version' = '2' AND after ->> 'changes' = '1 added, 1 changed'`).Scan(&audits); err != nil || audits != 1 {
		t.Errorf("%d audit entries of the update (%v), want 1", audits, err)
	}
}

func TestDuplicateACopy(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.SignedIn(t, webtest.PartnerC)
	id := designIDByName(t, env, "FleetBox OBD Tracker")
	c.Get(t, "/expressconnect")
	for _, want := range []string{"FleetBox OBD Tracker (copy)", "FleetBox OBD Tracker (copy 2)"} {
		r := c.PostForm(t, "/expressconnect/designs/"+id+"/duplicate", nil)
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("duplicate: %d", r.StatusCode)
		}
		copyID := designIDByName(t, env, want)
		page := c.Get(t, "/expressconnect/designs/"+copyID)
		if !strings.Contains(page.Text("main"), "Copy of “FleetBox OBD Tracker”, version 1") || !strings.Contains(page.Text("main"), "FleetBox OBD Tracker") {
			t.Errorf("the copy's page: %q", page.Text("dl.facts"))
		}
		if orig, dup := c.Get(t, "/expressconnect/designs/"+id+".json").Body, c.Get(t, "/expressconnect/designs/"+copyID+".json").Body; strings.Replace(dup, want, "FleetBox OBD Tracker", 1) != orig {
			t.Errorf("the copy differs from the original beyond its name:\n%s\n%s", orig, dup)
		}
	}
}

// TestAnotherCompanysDesignIsNotFound: every design route, with Company C's design, as Company A
// (whose ExpressConnect is read-only, so reads would be allowed) and Company B (active).
func TestAnotherCompanysDesignIsNotFound(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	id := designIDByName(t, env, "AirQ Indoor Sensor")
	for _, email := range []string{webtest.PartnerA, webtest.PartnerB} {
		c := env.SignedIn(t, email)
		c.Get(t, "/expressconnect")
		for _, path := range []string{"/expressconnect/designs/" + id, "/expressconnect/designs/" + id + ".json",
			"/expressconnect/designs/" + id + "/edit", "/expressconnect/designs/" + id + "/compare",
			"/expressconnect/designs/" + id + "/sample.json", "/expressconnect/designs/" + id + "/payload-schema.json"} {
			if r := c.Get(t, path); r.StatusCode != http.StatusNotFound || strings.Contains(r.Body, "AirQ") {
				t.Errorf("%s GET %s: %d", email, path, r.StatusCode)
			}
		}
		for _, path := range []string{"/expressconnect/designs/" + id, "/expressconnect/designs/" + id + "/duplicate"} {
			r := c.PostForm(t, path, designForm())
			want := http.StatusNotFound
			if email == webtest.PartnerA {
				want = http.StatusSeeOther // read-only: refused by the gate before anything is looked up
			}
			if r.StatusCode != want {
				t.Errorf("%s POST %s: %d, want %d", email, path, r.StatusCode, want)
			}
		}
	}
	c := env.SignedIn(t, webtest.PartnerC)
	for _, path := range []string{"/expressconnect/designs/0", "/expressconnect/designs/abc", "/expressconnect/designs/abc.json",
		"/expressconnect/designs/" + id + "?version=99", "/expressconnect/designs/" + id + "?version=x", "/expressconnect/designs/99999999999999999999.json",
		"/expressconnect/designs/" + id + ".json?version=0", "/expressconnect/designs/%00.json"} {
		if r := c.Get(t, path); r.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, r.StatusCode)
		}
	}
	var versions int
	if err := env.Pool.QueryRow(context.Background(), `SELECT count(*) FROM device_design_versions`).Scan(&versions); err != nil || versions != 9 {
		t.Errorf("%d design versions stored (%v), want the demo's 9", versions, err)
	}
}
