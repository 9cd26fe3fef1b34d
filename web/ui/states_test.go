package ui

import (
	"strings"
	"testing"
	"time"

	"partnerportal/db"
)

// TestEveryStateIsWorded: every state the database can return has a badge and each of the
// portal's sentences, with full figures and with none (a sentence must not need a date to
// exist), and no sentence falls back to another state's words.
func TestEveryStateIsWorded(t *testing.T) {
	d := func(s string) *time.Time {
		v, _ := time.Parse(time.DateOnly, s)
		return &v
	}
	n := func(v int64) *int64 { return &v }
	full := StateFacts{ValidFrom: d("2026-06-01"), ValidUntil: d("2026-11-30"), ExpiredFrom: d("2026-12-19"),
		DaysLeft: 6, GraceDaysLeft: 3, MessagesLeft: n(12), DevicesLeft: n(2)}
	sentences := map[string]func(db.ServiceState, StateFacts) string{
		"ServiceSummary": ServiceSummary, "StaffSummary": StaffSummary, "PlanLine": PlanLine, "MeterLine": MeterLine,
	}
	labels := map[string]db.ServiceState{}
	for _, s := range db.AllServiceStateValues() {
		if _, ok := words[s]; !ok {
			t.Errorf("state %q has no words", s)
			continue
		}
		w := words[s]
		if w.tone == "" || w.icon == "" || w.label == "" {
			t.Errorf("state %q: badge tone %q, icon %q, label %q: want all three", s, w.tone, w.icon, w.label)
		}
		if other, seen := labels[w.label]; seen {
			t.Errorf("states %q and %q share the label %q", s, other, w.label)
		}
		labels[w.label] = s
		if got := StateBadge(s); s.ReadOnly() != strings.HasSuffix(got.Label, "read-only") {
			t.Errorf("StateBadge(%q).Label = %q: read-only states say so, others do not", s, got.Label)
		}
		for name, say := range sentences {
			for _, f := range []StateFacts{full, {}} {
				got := say(s, f)
				if strings.TrimSpace(got) == "" {
					t.Errorf("%s(%q, %+v) is empty", name, s, f)
				}
				if s != db.ServiceStateNone && got == say(db.ServiceStateNone, f) {
					t.Errorf("%s(%q) = %q: the words of no service", name, s, got)
				}
			}
		}
	}
	if got := StateLabel(db.ServiceState("unheard-of")); got != words[db.ServiceStateNone].label {
		t.Errorf("an unknown state reads %q, want the words of no service", got)
	}
}

// TestStateSentencesQuoteTheirFigures pins the SPEC §4 wording of My Services.
func TestStateSentencesQuoteTheirFigures(t *testing.T) {
	until := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	from := time.Date(2026, 12, 11, 0, 0, 0, 0, time.UTC)
	msgs := int64(1200)
	tests := []struct {
		state db.ServiceState
		facts StateFacts
		want  string
	}{
		{db.ServiceStateActive, StateFacts{ValidUntil: &until, DaysLeft: 1}, "Active until 30 Nov 2026 (1 day left)"},
		{db.ServiceStateGrace, StateFacts{GraceDaysLeft: 4, MessagesLeft: &msgs}, "Over plan — cap allowance: 4 days / 1,200 messages left"},
		{db.ServiceStateGrace, StateFacts{MessagesLeft: &msgs}, "Over plan — cap allowance: 1,200 messages left"},
		{db.ServiceStateExpired, StateFacts{ExpiredFrom: &from}, "Expired on 11 Dec 2026 — read-only"},
		{db.ServiceStateExhausted, StateFacts{}, "Quota used up — read-only"},
		{db.ServiceStateInactive, StateFacts{}, "Inactive — renew to use"},
		{db.ServiceStateScheduled, StateFacts{ValidFrom: &from}, "Starts on 11 Dec 2026"},
	}
	for _, tt := range tests {
		if got := ServiceSummary(tt.state, tt.facts); got != tt.want {
			t.Errorf("ServiceSummary(%q) = %q, want %q", tt.state, got, tt.want)
		}
	}
}
