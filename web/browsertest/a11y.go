package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// wcagTags select the axe rules for WCAG 2.1 level AA, which the portal
// promises; level AA includes level A, and 2.1 includes 2.0.
var wcagTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// maxTargets keeps a report readable when one rule fails on a long list.
const maxTargets = 5

type a11yReport struct {
	URL        string      `json:"url"`
	Violations []violation `json:"violations"`
}

type violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"`
}

// CheckA11y runs axe-core against the current page for WCAG 2.1 A and AA
// rules and fails the test listing each violation (id, impact, help and up
// to five target selectors) with the page URL.
//
// axe is injected through Runtime.evaluate, which the page's
// Content-Security-Policy does not govern; a <script> tag would be blocked
// by script-src 'self' and would itself show up as a CSP error.
func (p *Page) CheckA11y(t testing.TB) {
	t.Helper()
	p.checkA11y(t)
}

func (p *Page) checkA11y(r reporter) {
	r.Helper()
	rep, err := p.runAxe()
	if err != nil {
		r.Fatalf("browsertest: %v", err)
		return
	}
	if len(rep.Violations) > 0 {
		r.Errorf("browsertest: %d accessibility violation(s) on %s:\n%s",
			len(rep.Violations), rep.URL, formatViolations(rep.Violations))
	}
}

func (p *Page) runAxe() (a11yReport, error) {
	src, err := axeSource()
	if err != nil {
		return a11yReport{}, err
	}
	ctx, cancel := p.stepContext()
	defer cancel()
	if err := injectAxe(ctx, src); err != nil {
		return a11yReport{}, fmt.Errorf("injecting axe-core into %s: %v", p.location(), err)
	}
	tags, _ := json.Marshal(wcagTags)
	// iframes:false because axe would wait a minute per frame for a copy of
	// itself that was never injected there; the portal does not use frames.
	script := fmt.Sprintf(`axe.run(document, {
		runOnly: {type: "tag", values: %s},
		resultTypes: ["violations"],
		iframes: false,
	}).then(r => ({
		url: location.href,
		violations: r.violations.map(v => ({
			id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.length,
			targets: v.nodes.slice(0, %d).map(n =>
				n.target.map(s => Array.isArray(s) ? s.join(" >>> ") : s).join(" ")),
		})),
	}))`, tags, maxTargets)
	rep, err := chromedp.Run(ctx, chromedp.Evaluate[a11yReport](script, chromedp.EvalAwaitPromise))
	if err != nil && strings.Contains(err.Error(), "axe is not defined") {
		// the page was replaced between the injection and the run (a navigation that was
		// still under way): inject into the page there is now and run once more
		if err := injectAxe(ctx, src); err != nil {
			return a11yReport{}, fmt.Errorf("injecting axe-core into %s: %v", p.location(), err)
		}
		rep, err = chromedp.Run(ctx, chromedp.Evaluate[a11yReport](script, chromedp.EvalAwaitPromise))
	}
	if err != nil {
		return a11yReport{}, fmt.Errorf("running axe on %s: %v", p.location(), err)
	}
	return rep, nil
}

// injectAxe evaluates axe-core's source in the page unless the page already has it.
func injectAxe(ctx context.Context, src string) error {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe?.run === "function"`))
	if err != nil || loaded {
		return err
	}
	return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src))
}

func formatViolations(vs []violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  - %s (%s): %s\n    %s\n", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, t := range v.Targets {
			fmt.Fprintf(&b, "      %s\n", t)
		}
		if more := v.Nodes - len(v.Targets); more > 0 {
			fmt.Fprintf(&b, "      ... and %d more\n", more)
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// axeSource reads axe-core once per test binary; at half a megabyte it is
// worth not rereading for every page.
var axeSource = sync.OnceValues(func() (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	return readAxe(root)
})

func readAxe(root string) (string, error) {
	path := filepath.Join(root, "static", "node_modules", "axe-core", "axe.min.js")
	src, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("axe-core is missing (%s): run `make assets` to install the front-end packages", path)
	}
	if err != nil {
		return "", err
	}
	return string(src), nil
}

// moduleRoot finds the folder holding go.mod, because go test runs each
// package in its own directory and the assets live at the module root.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod found above the working directory, so static/node_modules/axe-core cannot be located")
		}
		dir = parent
	}
}
