package browsertest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Run runs chromedp actions in the tab, each with the page's timeout, and
// fails the test at the first error, naming the step and the page it was on.
func (p *Page) Run(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	p.run(t, "", actions...)
}

// Step names a group of actions, so that when one fails Run reports what the
// test was trying to do rather than only a step number and chromedp's error,
// which often lacks the selector it was waiting for.
func Step(description string, actions ...chromedp.Action[chromedp.Void]) chromedp.Action[chromedp.Void] {
	steps := chromedp.Steps(actions...)
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		v, err := steps(ctx, t)
		if err != nil {
			err = fmt.Errorf("%s: %w", description, err)
		}
		return v, err
	}
}

// Get runs one action that returns a value, such as chromedp.Text or
// chromedp.Evaluate, with the page's timeout, and fails the test on error.
// It is a function rather than a method because Go methods cannot have
// type parameters.
func Get[T any](t testing.TB, p *Page, action chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := p.stepContext()
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatalf("browsertest: on %s: %v", p.location(), err)
	}
	return v
}

// run reports whether every action succeeded, because a reporter other than
// testing.TB does not stop the goroutine on Fatalf.
func (p *Page) run(r reporter, what string, actions ...chromedp.Action[chromedp.Void]) bool {
	r.Helper()
	for i, a := range actions {
		ctx, cancel := p.stepContext()
		err := chromedp.Do(ctx, a)
		cancel()
		if err != nil {
			if what == "" {
				what = fmt.Sprintf("step %d of %d", i+1, len(actions))
			}
			if errors.Is(err, context.DeadlineExceeded) {
				// A bare "context deadline exceeded" hides that it was the
				// per-step limit, which a slow step may need raised.
				err = fmt.Errorf("%w (step timeout %v)", err, p.timeout())
			}
			r.Fatalf("browsertest: %s failed on %s: %v", what, p.location(), err)
			return false
		}
	}
	return true
}

func (p *Page) timeout() time.Duration {
	if p.Timeout <= 0 {
		return DefaultTimeout
	}
	return p.Timeout
}

func (p *Page) stepContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(p.Ctx, p.timeout())
}

// location is best effort: it only decorates error messages, and the page
// may be the thing that is broken.
func (p *Page) location() string {
	ctx, cancel := context.WithTimeout(p.Ctx, 2*time.Second)
	defer cancel()
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "an unknown page"
	}
	return url
}
