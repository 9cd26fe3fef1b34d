package partner

import (
	"time"

	"partnerportal/db"
	"partnerportal/web/ui"
)

// Quota warnings are recorded by the metering transaction that crossed them (migration 00021);
// My Services lists the current term's. The account manager's home can read them with
// db.ListQuotaWarningsForAccountManager.

// quotaNotices says each of a term's quota warnings in words, in their order, dated in loc.
func quotaNotices(ws []db.ListCompanyQuotaWarningsRow, loc *time.Location) []string {
	var out []string
	for _, w := range ws {
		unit := "quota"
		if w.Metric != nil {
			unit = map[db.UsageMetric]string{db.UsageMetricMessages: "message quota", db.UsageMetricDevices: "device quota"}[*w.Metric]
		}
		on := " on " + ui.LongDate(w.RecordedAt.In(loc))
		switch w.Kind {
		case db.QuotaWarningKindQuota80:
			out = append(out, "80% of the "+unit+" used"+on+".")
		case db.QuotaWarningKindQuota100:
			out = append(out, "The "+unit+" was reached"+on+": the cap allowance is in use.")
		case db.QuotaWarningKindGrace:
			out = append(out, "Entered grace"+on+".")
		case db.QuotaWarningKindExhausted:
			out = append(out, "Quota used up, cap allowance included,"+on+": read-only until renewed.")
		}
	}
	return out
}
