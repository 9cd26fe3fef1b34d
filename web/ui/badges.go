package ui

import (
	"fmt"
	"partnerportal/db"
	"partnerportal/views"
	"strings"
)

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
