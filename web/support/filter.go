package support

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/ui"
)

// Filter is one choice of a list's status filter: its key in the URL, and the statuses it
// shows (none: every status).
type Filter struct {
	Key, Label string
	Statuses   []db.TicketStatus
}

// PartnerFilters are the partner's choices; the first (every ticket) is the default.
var PartnerFilters = []Filter{
	{"", "All tickets", nil},
	{"open", "Not resolved yet", []db.TicketStatus{db.TicketStatusOpen, db.TicketStatusWaitingOnUs, db.TicketStatusWaitingOnPartner}},
	{"waiting_on_partner", "Waiting on you", []db.TicketStatus{db.TicketStatusWaitingOnPartner}},
	{"resolved", "Resolved", []db.TicketStatus{db.TicketStatusResolved}},
	{"closed", "Closed", []db.TicketStatus{db.TicketStatusClosed}},
}

// StaffFilters are the inbox's choices; the first (waiting on us) is the default.
var StaffFilters = []Filter{
	{"", "Waiting on us", []db.TicketStatus{db.TicketStatusOpen, db.TicketStatusWaitingOnUs}},
	{"waiting_on_partner", "Waiting on partner", []db.TicketStatus{db.TicketStatusWaitingOnPartner}},
	{"resolved", "Resolved", []db.TicketStatus{db.TicketStatusResolved}},
	{"closed", "Closed", []db.TicketStatus{db.TicketStatusClosed}},
	{"all", "All tickets", nil},
}

// maxSearch is the longest search kept, in characters.
const maxSearch = 100

// ReadFilter reads a list's status and search from the URL. A status that is not one of
// filters is the default; a search that is not plain text of at most maxSearch characters is
// dropped with a field message. It returns the form and the statuses to list (nil: all).
func ReadFilter(c echo.Context, filters []Filter, action string) (views.TicketFilter, []string) {
	f := views.TicketFilter{Action: action, Q: strings.TrimSpace(c.QueryParam("q"))}
	chosen := filters[0]
	for _, fl := range filters {
		if fl.Key == c.QueryParam("status") {
			chosen = fl
		}
		f.Statuses = append(f.Statuses, views.Option{Value: fl.Key, Label: fl.Label})
	}
	f.Status = chosen.Key
	if !ui.CleanText(f.Q, false) || utf8.RuneCountInString(f.Q) > maxSearch {
		f.Errors = views.FieldErrors{"q": "Search for plain text of up to 100 characters."}
		f.Q = ""
	}
	var statuses []string
	for _, s := range chosen.Statuses {
		statuses = append(statuses, string(s))
	}
	return f, statuses
}

// PageURL is the list at action with f's filters, on page n.
func PageURL(action string, f views.TicketFilter, n int) string {
	v := url.Values{}
	for k, s := range map[string]string{"q": f.Q, "status": f.Status, "assignee": f.Assignee} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if n > 1 {
		v.Set("page", ui.Itoa(int64(n)))
	}
	if len(v) == 0 {
		return action
	}
	return action + "?" + v.Encode()
}
