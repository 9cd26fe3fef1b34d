package ui

import (
	"strconv"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// LongDate is how dates read on pages: "25 Nov 2026".
func LongDate(t time.Time) string { return t.Format("2 Jan 2006") }

func Itoa(n int64) string { return strconv.FormatInt(n, 10) }

var printer = message.NewPrinter(language.English)

// Count writes a number with thousands separators: 12,000.
func Count(n int64) string { return printer.Sprintf("%d", n) }

// Plural is "s" unless n is 1.
func Plural(n int64) string {
	if n == 1 {
		return ""
	}
	return "s"
}
