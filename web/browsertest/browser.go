package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// launchTimeout bounds the start of Chromium. chromedp waits with no deadline
// for a browser that starts but never answers, which would hang the test binary.
const launchTimeout = 30 * time.Second

// Browser is one running headless Chromium. Its pages are tabs of that one
// process, each in its own browser context so that cookies and storage never
// leak from one test's page into another's.
type Browser struct {
	ctx         context.Context // the chromedp context that owns the process
	cancel      context.CancelFunc
	allocCancel context.CancelFunc
}

// New starts one headless Chromium for the test (or test package) and stops
// it in t.Cleanup. It fails the test (t.Fatalf, never t.Skip) with a message
// naming the package to install when no Chromium binary is found. A skipped
// browser test would let a broken page pass CI unnoticed, so a missing
// browser is an error, not a reason to skip.
//
// The binary is $CHROMIUM_PATH when set, otherwise the first of chromium,
// chromium-browser and google-chrome on PATH.
func New(t testing.TB) *Browser {
	t.Helper()
	return newBrowser(t, t.TempDir)
}

func newBrowser(r reporter, tempDir func() string) *Browser {
	r.Helper()
	path, err := findChromium()
	if err != nil {
		r.Fatalf("browsertest: %v", err)
		return nil
	}
	b, err := launch(path, tempDir())
	if err != nil {
		r.Fatalf("browsertest: %v", err)
		return nil
	}
	r.Cleanup(b.Close)
	return b
}

// Start launches a Chromium that outlives any single test, for TestMain in
// packages where starting one browser per test would be too slow. The caller
// must call Close, and treat an error as a failure of the whole package.
func Start() (*Browser, error) {
	path, err := findChromium()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "browsertest-profile-")
	if err != nil {
		return nil, err
	}
	b, err := launch(path, dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	prev := b.allocCancel
	b.allocCancel = func() { prev(); os.RemoveAll(dir) }
	return b, nil
}

// Close stops Chromium and waits for it to exit. It is safe to call more than
// once.
func (b *Browser) Close() {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	// The error only says the browser was already gone or slow to quit; the
	// allocator below kills it either way.
	_ = chromedp.Cancel(ctx)
	b.cancel()
	b.allocCancel()
}

func findChromium() (string, error) {
	if p := os.Getenv("CHROMIUM_PATH"); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("CHROMIUM_PATH=%q is not an executable: %v", p, err)
		}
		return path, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", errors.New(`no Chromium found (looked at $CHROMIUM_PATH, then chromium, chromium-browser and google-chrome on PATH): ` +
		`install the Debian package "chromium" (apt-get install chromium) or set CHROMIUM_PATH`)
}

func launch(path, userDataDir string) (*Browser, error) {
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(path),
		chromedp.Headless,
		// Tests run as root in containers, where the sandbox cannot start.
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		// The network is closed; these stop Chromium from trying to reach
		// Google services and slowing down or spamming its log.
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)

	// The first Do binds the browser's life to ctx, so it must not carry the
	// launch deadline; the deadline is enforced from outside instead.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			cancel()
			allocCancel()
			return nil, fmt.Errorf("starting %s: %v", path, err)
		}
	case <-time.After(launchTimeout):
		cancel()
		allocCancel()
		return nil, fmt.Errorf("starting %s: no answer within %v", path, launchTimeout)
	}
	return &Browser{ctx: ctx, cancel: cancel, allocCancel: allocCancel}, nil
}
