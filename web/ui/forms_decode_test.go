package ui

import (
	"net/url"
	"strings"
	"testing"
)

// fuzzForm has a field of every kind DecodeForm fills.
type fuzzForm struct {
	Name     string   `form:"name" validate:"required,max=200"`
	Email    string   `form:"email" validate:"omitempty,email,max=254"`
	Password string   `form:"password,raw" validate:"max=200"`
	Message  string   `form:"message" validate:"max=1000,multiline"`
	Tags     []string `form:"tag" validate:"max=5,dive,max=20"`
	On       bool     `form:"on"`
}

// FuzzDecodeForm: whatever body a client sends, DecodeForm does not panic, and a form it
// accepts holds only text a database can store — valid UTF-8, no control characters (line
// breaks only in the multi-line field, as "\n"), no text beyond its limits — trimmed where it
// should be.
func FuzzDecodeForm(f *testing.F) {
	for _, seed := range []string{
		"name=Dana&email=dana%40example.org&password=+secret+&message=one%0D%0Atwo&tag=a&tag=b&on=1",
		"name=a%00b", "name=%FF%FE", "name=caf%C3", "name=%1B%5B2J", "name=Dana%0D%0ABcc%3A+x",
		"name=Dana&message=%00", "name=Dana&message=line%0Dbreak", "name=Dana&tag=%00", "name=Dana&email=a%00b%40example.com",
		"name=" + strings.Repeat("x", 300), "name=%zz&name=Dana", "name=Dana&tag=a&tag=b&tag=c&tag=d&tag=e&tag=f", "",
	} {
		f.Add(seed)
	}
	v := NewValidator()
	f.Fuzz(func(t *testing.T, body string) {
		values, _ := url.ParseQuery(body)
		var form fuzzForm
		if errs := DecodeForm(v, values, &form); errs != nil {
			return
		}
		for name, s := range map[string]string{"name": form.Name, "email": form.Email, "password": form.Password} {
			if !CleanText(s, false) {
				t.Errorf("%s %q accepted with characters no field may hold", name, s)
			}
		}
		if !CleanText(form.Message, true) || strings.Contains(form.Message, "\r") {
			t.Errorf("message %q accepted with characters no field may hold", form.Message)
		}
		for _, tag := range form.Tags {
			if !CleanText(tag, false) || tag == "" || tag != strings.TrimSpace(tag) {
				t.Errorf("tag %q accepted", tag)
			}
		}
		if form.Name != strings.TrimSpace(form.Name) || form.Name == "" {
			t.Errorf("name %q accepted untrimmed or empty", form.Name)
		}
		if len(form.Tags) > 5 {
			t.Errorf("%d tags accepted, want at most 5", len(form.Tags))
		}
		if form.On != (values.Get("on") != "") {
			t.Errorf("on = %v for %q", form.On, values.Get("on"))
		}
	})
}
