package views

import (
	"context"
	"strings"
	"testing"
)

func TestPlainTextEscapesEverythingButLineBreaksAndAddresses(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"markup stays text", `<b>bold</b> & <script>alert(1)</script>`,
			`<div class="plain-text"><p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p></div>`},
		{"line breaks and paragraphs", "one\ntwo\n\n\nthree",
			`<div class="plain-text"><p>one<br>two</p><p>three</p></div>`},
		{"an address in a sentence", "See https://example.com/a?b=1&c=2.",
			`<div class="plain-text"><p>See <a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">https://example.com/a?b=1&amp;c=2</a>.</p></div>`},
		{"an address in brackets", "(docs: http://example.com/x_(y))",
			`<div class="plain-text"><p>(docs: <a href="http://example.com/x_(y)" rel="nofollow noopener noreferrer">http://example.com/x_(y)</a>)</p></div>`},
		{"an address cannot break out of its attribute", `https://example.com/"onmouseover="alert(1)`,
			`<div class="plain-text"><p><a href="https://example.com/" rel="nofollow noopener noreferrer">https://example.com/</a>&#34;onmouseover=&#34;alert(1)</p></div>`},
		{"other schemes are text", "javascript:alert(1) data:text/html,x ftp://example.com",
			`<div class="plain-text"><p>javascript:alert(1) data:text/html,x ftp://example.com</p></div>`},
		{"a scheme with no host is text", "http:// and https://",
			`<div class="plain-text"><p>http:// and https://</p></div>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := PlainText(tt.in).Render(context.Background(), &b); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("PlainText(%q)\n got %s\nwant %s", tt.in, b.String(), tt.want)
			}
		})
	}
}
