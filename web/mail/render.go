package mail

import (
	"context"
	"fmt"
	"html"
	"strings"

	"github.com/a-h/templ"
)

// Render renders the two parts of a mail from their components.
//
// templ has no plain-text mode: it HTML-escapes every expression, whatever the component is
// for. A subject like `Fish & Chips <today>` would reach the reader of the text part as
// `Fish &amp; Chips &lt;today&gt;`. Nothing interprets markup in a text/plain part, so undoing
// the escaping is safe there and gives back exactly what the view model said. The HTML part
// keeps templ's escaping, which is what makes it safe.
func Render(ctx context.Context, htmlPart, textPart templ.Component) (textBody, htmlBody string, err error) {
	var h, t strings.Builder
	if err := htmlPart.Render(ctx, &h); err != nil {
		return "", "", fmt.Errorf("mail: render the HTML part: %w", err)
	}
	if err := textPart.Render(ctx, &t); err != nil {
		return "", "", fmt.Errorf("mail: render the text part: %w", err)
	}
	return html.UnescapeString(t.String()), h.String(), nil
}
