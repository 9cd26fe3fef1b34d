package webtest

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// local is href as a path of this site, resolved against the page at base ("" if elsewhere).
func local(base, href string) string {
	u, err := url.Parse(href)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return ""
	}
	b, _ := url.Parse(base)
	u = b.ResolveReference(u)
	u.Fragment = ""
	return u.RequestURI()
}

// readForm is the form s of the page at page with the values it would send as it stands:
// checked boxes, selected options and the first named submit button.
func readForm(page string, s *goquery.Selection) Form {
	f := Form{Method: strings.ToUpper(s.AttrOr("method", "get")), Action: local(page, s.AttrOr("action", page)), Fields: url.Values{}}
	button := false
	s.Find("input[name], select[name], textarea[name], button[name]").Each(func(_ int, in *goquery.Selection) {
		name := in.AttrOr("name", "")
		switch goquery.NodeName(in) {
		case "select":
			opt := in.Find("option[selected]").First()
			if opt.Length() == 0 {
				opt = in.Find("option").First()
			}
			f.Fields.Add(name, opt.AttrOr("value", opt.Text()))
		case "textarea":
			f.Fields.Add(name, in.Text())
		case "button":
			if !button {
				button = true
				f.Fields.Add(name, in.AttrOr("value", ""))
			}
		default:
			switch in.AttrOr("type", "text") {
			case "checkbox", "radio":
				if _, on := in.Attr("checked"); on {
					f.Fields.Add(name, in.AttrOr("value", "on"))
				}
			case "submit", "button", "image", "reset", "file":
			default:
				f.Fields.Add(name, in.AttrOr("value", ""))
			}
		}
	})
	return f
}

// Form is what the page's form that posts to action would send as it stands (nil when the
// page has no such form): a test changes a field of it and posts the rest unchanged.
func (r *Response) Form(action string) url.Values {
	var out url.Values
	page := r.Request.URL.RequestURI()
	r.Doc.Find("form").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if f := readForm(page, s); f.Action == action {
			out = f.Fields
			return false
		}
		return true
	})
	return out
}
