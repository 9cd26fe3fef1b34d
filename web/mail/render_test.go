package mail

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"partnerportal/views"
)

// TestRenderEscaping: text a partner typed comes out literally in the text part and escaped
// in the HTML part, where it must not become markup.
func TestRenderEscaping(t *testing.T) {
	t.Parallel()
	heading := `Fish & Chips <today> for "Bob's" shop`
	line := `if a < b && c > d then &amp; stays &amp;`
	v := views.MailView{Heading: heading, Lines: []string{line}}
	text, html, err := Render(context.Background(), views.MailHTML(v), views.MailText(v))
	if err != nil {
		t.Fatal(err)
	}
	if want := heading + "\n\n" + line + "\n"; text != want {
		t.Errorf("text part = %q, want %q", text, want)
	}
	for _, want := range []string{
		"Fish &amp; Chips &lt;today&gt; for &#34;Bob&#39;s&#34; shop",
		"if a &lt; b &amp;&amp; c &gt; d then &amp;amp; stays &amp;amp;",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML part lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, "<today>") {
		t.Errorf("HTML part has the heading's <today> as markup:\n%s", html)
	}
}

// TestMailViews: both parts say the same things, and leave out what the view leaves out.
func TestMailViews(t *testing.T) {
	t.Parallel()
	full := views.MailView{
		Greeting: "Hello Anna,", Heading: "Your access ends on 30 June",
		Lines:       []string{"Renew it to keep your modules.", "Nothing is lost until then."},
		ActionLabel: "Renew now", ActionURL: "https://portal.example/renew?s=1&p=2",
		Footer:         "You get this mail because you manage Acme's services.",
		PreferencesURL: "https://portal.example/account/mail",
	}
	bare := views.MailView{Heading: "Welcome", Lines: []string{"Your account is ready."}}
	unlabelled := views.MailView{Heading: "Welcome", ActionURL: "https://portal.example/"}
	tests := []struct {
		name     string
		view     views.MailView
		wantText string
		button   string // the button's label, "" for none
		prefs    bool   // whether the preferences link is there
	}{{
		name: "everything",
		view: full,
		wantText: "Your access ends on 30 June\n\nHello Anna,\n\nRenew it to keep your modules.\n\n" +
			"Nothing is lost until then.\n\nRenew now: https://portal.example/renew?s=1&p=2\n\n" +
			"You get this mail because you manage Acme's services.\n" +
			"Choose which e-mails you receive: https://portal.example/account/mail\n",
		button: "Renew now", prefs: true,
	}, {
		name: "no action, no footer", view: bare,
		wantText: "Welcome\n\nYour account is ready.\n",
	}, {
		name: "an action without a label", view: unlabelled,
		wantText: "Welcome\n\nOpen the Partner Portal: https://portal.example/\n",
		button:   "Open the Partner Portal",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			text, html, err := Render(context.Background(), views.MailHTML(tt.view), views.MailText(tt.view))
			if err != nil {
				t.Fatal(err)
			}
			if text != tt.wantText {
				t.Errorf("text part = %q, want %q", text, tt.wantText)
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Find("h1").Text(); got != tt.view.Heading {
				t.Errorf("heading %q, want %q", got, tt.view.Heading)
			}
			button := doc.Find(`a[style*="background-color:#0e6369"][href]`).First()
			if got := strings.TrimSpace(button.Text()); got != tt.button {
				t.Errorf("button %q, want %q", got, tt.button)
			}
			if href, _ := button.Attr("href"); tt.button != "" && href != tt.view.ActionURL {
				t.Errorf("button goes to %q, want %q", href, tt.view.ActionURL)
			}
			prefs := doc.Find(`a:contains("Choose which e-mails you receive")`)
			if got := prefs.Length() == 1; got != tt.prefs {
				t.Errorf("preferences link present: %v, want %v", got, tt.prefs)
			}
			if doc.Find("style, link, script").Length() > 0 {
				t.Error("the HTML part has a style sheet or script; mail clients drop them")
			}
		})
	}
}
