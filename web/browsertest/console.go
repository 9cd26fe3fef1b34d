package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	jsonv2 "github.com/chromedp/cdproto/cdp/jsonv2"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// consoleLog collects the errors a tab reports. record runs on chromedp's
// reader goroutine while tests read from their own, hence the lock.
type consoleLog struct {
	mu     sync.Mutex
	errors []string
}

// record must stay cheap and must not call back into chromedp: it runs inside
// the loop that reads the tab's messages.
func (c *consoleLog) record(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		msg = fmt.Sprintf("console.%s: %s%s", ev.Type, argsText(ev.Args), stackPlace(ev.StackTrace))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			// An Error's description carries its stack; the first line is
			// the message, and the place is added below in a shorter form.
			desc, _, _ := strings.Cut(argText(d.Exception), "\n")
			text += " " + desc
		}
		msg = fmt.Sprintf("exception: %s%s", text, place(d.URL, d.LineNumber))
	case *log.EventEntryAdded:
		e := ev.Entry
		if e.Level != log.EntryLevelError || isFaviconMiss(e) {
			return
		}
		where := place(e.URL, e.LineNumber)
		if e.Source == log.EntrySourceNetwork {
			where = " (" + e.URL + ")" // a fetched resource has no line
		}
		msg = fmt.Sprintf("%s error: %s%s", e.Source, e.Text, where)
	default:
		return
	}
	c.mu.Lock()
	c.errors = append(c.errors, msg)
	c.mu.Unlock()
}

// isFaviconMiss spots the 404 of the /favicon.ico that Chromium requests on
// its own for every page: it says nothing about the page under test, and
// would otherwise fail every test of a server that has no icon.
func isFaviconMiss(e *log.Entry) bool {
	u, err := url.Parse(e.URL)
	return err == nil && e.Source == log.EntrySourceNetwork && u.Path == "/favicon.ico"
}

func (c *consoleLog) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	errs := c.errors
	c.errors = nil
	return errs
}

// TakeConsoleErrors returns the console errors recorded so far and forgets
// them, so a test that provokes an error on purpose can assert on it without
// failing at cleanup.
func (p *Page) TakeConsoleErrors() []string {
	// Events reach the listener before the reply to any later command, so
	// one round trip makes sure everything the page logged until now is in.
	ctx, cancel := context.WithTimeout(p.Ctx, 2*time.Second)
	_ = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void]("0"))
	cancel()
	return p.console.take()
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = argText(a)
	}
	return strings.Join(parts, " ")
}

func argText(a *runtime.RemoteObject) string {
	if a.Type == runtime.RemoteObjectTypeString {
		var s string
		if jsonv2.Unmarshal(a.Value, &s) == nil {
			return s
		}
	}
	switch {
	case a.Description != "":
		return a.Description
	case len(a.Value) > 0:
		return string(a.Value)
	case a.UnserializableValue != "":
		return string(a.UnserializableValue)
	}
	return string(a.Type)
}

func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	return place(st.CallFrames[0].URL, st.CallFrames[0].LineNumber)
}

// place renders a protocol location; the protocol counts lines from 0 but
// editors and people count from 1.
func place(url string, line int64) string {
	if url == "" {
		return ""
	}
	return fmt.Sprintf(" (%s:%d)", url, line+1)
}

func joinIndented(lines []string, indent string) string {
	return strings.Join(lines, "\n"+indent)
}
