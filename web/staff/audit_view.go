package staff

import (
	"encoding/json"
	"fmt"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
	"slices"
	"strings"
	"time"

	"partnerportal/db"
	"partnerportal/views"
)

// auditFields are the snapshot keys pages show, in order, with their labels. The version is
// bookkeeping and is left out.
var auditFields = []struct{ Key, Label string }{
	{"status", "Status"},
	{"state", "State"},
	{"valid_from", "Valid from"},
	{"valid_until", "Valid until"},
	{"term_months", "Term (months)"},
	{"cap_percent", "Cap %"},
	{"message_quota", "Message quota"},
	{"device_quota", "Device quota"},
	{"messages_used", "Messages used"},
	{"devices_used", "Devices used"},
	{"new_term", "New term"},
	{"name", "Name"},
	{"email", "E-mail"},
	{"role", "Role"},
	{"company", "Company"},
	{"is_hardware", "Hardware partner"},
	{"is_software", "Software partner"},
	{"account_manager", "Account manager"},
	{"disabled", "Disabled"},
	{"message", "Message"},
	{"answer", "Answer"},
	{"expires_at", "Link valid until"},
	{"design_version", "Design version"},
	{"source", "Made from"},
	{"changes", "What changed"},
}

// auditEntries turns events into what the timeline and the log show.
func auditEntries(events []db.ListAuditEventsRow, loc *time.Location) []views.AuditEntry {
	out := make([]views.AuditEntry, 0, len(events))
	for _, e := range events {
		entry := views.AuditEntry{
			At: e.At.In(loc).Format("2 Jan 2006 15:04"), Actor: e.ActorName, Action: audit.Label(e.Action),
			Subject: e.Subject, Company: e.CompanyName, Changes: auditChanges(e.Before, e.After),
		}
		if e.CompanyID != nil {
			entry.CompanyURL = partnerURL(*e.CompanyID)
		}
		out = append(out, entry)
	}
	return out
}

// auditChanges lists the fields that differ between two snapshots; for a creation (no
// before) every field of after.
func auditChanges(before, after json.RawMessage) []views.Change {
	var b, a map[string]any
	_ = json.Unmarshal(before, &b)
	_ = json.Unmarshal(after, &a)
	var out []views.Change
	seen := map[string]bool{"version": true}
	add := func(key, label string) {
		seen[key] = true
		bv, inB := b[key]
		av, inA := a[key]
		if (!inA && !inB) || (inA && inB && fmt.Sprint(bv) == fmt.Sprint(av)) {
			return
		}
		c := views.Change{Field: label, After: auditValue(key, av)}
		if b != nil {
			c.Before = auditValue(key, bv)
		}
		out = append(out, c)
	}
	for _, f := range auditFields {
		add(f.Key, f.Label)
	}
	var rest []string
	for k := range a {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	for k := range b {
		if !seen[k] && !slices.Contains(rest, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		add(k, strings.ReplaceAll(k, "_", " "))
	}
	return out
}

// auditValue writes one snapshot value for people.
func auditValue(key string, v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case float64:
		if key == "cap_percent" {
			return fmt.Sprintf("%.0f%%", x)
		}
		return ui.Count(int64(x))
	case string:
		if t, err := time.Parse(time.DateOnly, x); err == nil {
			return ui.LongDate(t)
		}
		return x
	case map[string]any:
		return termInWords(x)
	}
	return fmt.Sprint(v)
}

// termInWords is a term snapshot in a line: "3 months, 25 Nov 2026 – 24 Feb 2027, cap 10%".
func termInWords(t map[string]any) string {
	s := fmt.Sprintf("%s months, %s – %s, cap %s", auditValue("", t["term_months"]),
		auditValue("", t["valid_from"]), auditValue("", t["valid_until"]), auditValue("cap_percent", t["cap_percent"]))
	if q, ok := t["message_quota"]; ok {
		s += ", " + auditValue("", q) + " messages"
	}
	if q, ok := t["device_quota"]; ok {
		s += ", " + auditValue("", q) + " devices"
	}
	return s
}
