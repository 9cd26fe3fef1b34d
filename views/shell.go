// Package views holds the portal's templ components. They take view models built by the web
// package, never database rows.
package views

import "strconv"

// Shell is what every full page needs besides its content: who is signed in, where they can
// go, the messages left for them, and the token their forms carry.
type Shell struct {
	Title string
	User  *User
	Nav   []NavItem
	Flash []Flash
	// CSRF is sent back by every form (hidden field) and every htmx request (header).
	CSRF string
}

// User is the signed-in person as the header shows them.
type User struct {
	Name        string
	Email       string
	RoleLabel   string
	CompanyName string
	// Unread is the number of unread notices, at most MaxUnread.
	Unread int
}

// MaxUnread is where the bell stops counting: beyond it shows as "99+".
const MaxUnread = 100

// NavItem is one link of the main navigation.
type NavItem struct {
	Label   string
	Href    string
	Current bool
	// Count, when set, follows the label as a number of items (the cart's).
	Count *int
	// Mark, when set, flags an area that needs attention (read-only, in grace): its icon is
	// shown and its label read to screen readers.
	Mark *Badge
}

// Flash is a one-time message shown at the top of the next page.
type Flash struct {
	Kind string // "success", "error" or "info"
	Text string
}

// FieldErrors maps a form field's name to the message shown under it.
type FieldErrors map[string]string

// Has reports whether field has an error.
func (e FieldErrors) Has(field string) bool { _, ok := e[field]; return ok }

// unreadText is the bell's count: "99+" from MaxUnread on.
func unreadText(n int) string {
	if n >= MaxUnread {
		return strconv.Itoa(MaxUnread-1) + "+"
	}
	return strconv.Itoa(n)
}
