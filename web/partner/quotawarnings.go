package partner

import (
	"encoding/json"
	"partnerportal/web/ui"
	"time"
)

// Quota warnings are recorded by the metering transaction that crossed them (migration 00021);
// My Services lists the current term's. The account manager's home can read them with
// db.ListQuotaWarningsForAccountManager.

type quotaWarning struct {
	Kind       string    `json:"kind"`
	Metric     *string   `json:"metric"`
	RecordedAt time.Time `json:"recorded_at"`
}

// quotaNotices says each warning of a term (ListCompanyServices' quota_warnings) in words.
func quotaNotices(raw []byte) []string {
	var ws []quotaWarning
	if err := json.Unmarshal(raw, &ws); err != nil {
		return nil
	}
	var out []string
	for _, w := range ws {
		unit := "quota"
		if w.Metric != nil {
			unit = map[string]string{"messages": "message quota", "devices": "device quota"}[*w.Metric]
		}
		on := " on " + ui.LongDate(w.RecordedAt)
		switch w.Kind {
		case "quota_80":
			out = append(out, "80% of the "+unit+" used"+on+".")
		case "quota_100":
			out = append(out, "The "+unit+" was reached"+on+": the cap allowance is in use.")
		case "grace":
			out = append(out, "Entered grace"+on+".")
		case "exhausted":
			out = append(out, "Quota used up, cap allowance included,"+on+": read-only until renewed.")
		}
	}
	return out
}
