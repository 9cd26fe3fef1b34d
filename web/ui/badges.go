package ui

import (
	"fmt"
	"partnerportal/db"
	"partnerportal/views"
	"strings"
)

// StateBadge is a state as icon and word.
func StateBadge(s db.ServiceState) views.Badge {
	switch s {
	case db.ServiceStateActive:
		return views.Badge{Tone: "active", Icon: "✓", Label: s.Label()}
	case db.ServiceStateGrace:
		return views.Badge{Tone: "grace", Icon: "◔", Label: s.Label()}
	case db.ServiceStateExpired, db.ServiceStateExhausted:
		return views.Badge{Tone: "readonly", Icon: "⊘", Label: s.Label() + " · read-only"}
	case db.ServiceStateInactive:
		return views.Badge{Tone: "inactive", Icon: "○", Label: s.Label()}
	case db.ServiceStateScheduled:
		return views.Badge{Tone: "scheduled", Icon: "◷", Label: s.Label()}
	}
	return views.Badge{Tone: "none", Icon: "–", Label: s.Label()}
}

func UsageBar(serviceID int64, unit string, used, quota, allowance int64) views.UsageBar {
	pct := func(n int64) int {
		if allowance <= 0 {
			return 0
		}
		return int(min(100, n*100/allowance))
	}
	return views.UsageBar{
		ID:        fmt.Sprintf("usage-%d-%s", serviceID, unit),
		Label:     strings.ToUpper(unit[:1]) + unit[1:],
		Used:      used,
		Quota:     quota,
		Allowance: allowance,
		Text:      fmt.Sprintf("%s of %s %s used", Count(used), Count(quota), unit),
		Note:      fmt.Sprintf("Quota %s (the mark) · cap allowance %s (the full bar)", Count(quota), Count(allowance)),
		UsedPct:   pct(used),
		QuotaPct:  pct(quota),
		Over:      used >= quota,
	}
}

func RequestBadge(s db.RenewalRequestStatus) views.Badge {
	switch s {
	case db.RenewalRequestStatusApproved:
		return views.Badge{Tone: "active", Icon: "✓", Label: "Approved"}
	case db.RenewalRequestStatusDeclined:
		return views.Badge{Tone: "inactive", Icon: "✕", Label: "Declined"}
	}
	return views.Badge{Tone: "scheduled", Icon: "✉", Label: "Open"}
}
