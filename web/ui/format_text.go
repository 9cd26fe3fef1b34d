package ui

import "strings"

// Capitalize writes "sandbox" as "Sandbox".
func Capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
