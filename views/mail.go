package views

// MailView is what one e-mail says, in the order a reader meets it. The same view fills the
// HTML part and the plain-text part, so the two cannot drift apart.
type MailView struct {
	// Greeting opens the mail ("Hello Anna,"); empty leaves it out.
	Greeting string
	// Heading is the one-line summary, shown large in HTML and first in text.
	Heading string
	// Lines are the paragraphs of the body, each plain text.
	Lines []string
	// ActionLabel and ActionURL make the one button of the mail; without a URL there is none.
	// The URL is absolute, since a mail has no page to be relative to.
	ActionLabel string
	ActionURL   string
	// Footer says why the reader got this mail.
	Footer string
	// PreferencesURL, when set, is where the reader chooses which mails they receive.
	PreferencesURL string
}

// mailActionLabel names the button when the caller gave a URL but no label, so the link is
// never an empty button.
func mailActionLabel(v MailView) string {
	if v.ActionLabel == "" {
		return "Open the Partner Portal"
	}
	return v.ActionLabel
}

// mailTextLines lays out the plain-text mail: paragraphs separated by a blank line, the footer
// lines together at the end.
func mailTextLines(v MailView) []string {
	var out []string
	para := func(s string) {
		if s != "" {
			out = append(out, s, "")
		}
	}
	para(v.Heading)
	para(v.Greeting)
	for _, l := range v.Lines {
		para(l)
	}
	if v.ActionURL != "" {
		para(mailActionLabel(v) + ": " + v.ActionURL)
	}
	if v.Footer != "" {
		out = append(out, v.Footer)
	}
	if v.PreferencesURL != "" {
		out = append(out, "Choose which e-mails you receive: "+v.PreferencesURL)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}
