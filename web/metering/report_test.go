package metering

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"partnerportal/db"
	"partnerportal/web/ui"
)

// FuzzDecodeReport: whatever body a client sends, DecodeReport does not panic, and a report it
// accepts keeps every rule of the API: a known module and metric, a quantity in range, an
// idempotency key a database can store, and a time that is neither in the future nor too old.
func FuzzDecodeReport(f *testing.F) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	for _, seed := range []string{
		`{"module":"software","metric":"messages","quantity":1,"idempotency_key":"k-1"}`,
		`{"module":"hardware","metric":"devices","quantity":-3,"idempotency_key":"k-2","occurred_at":"2026-11-24T10:00:00Z"}`,
		`{"module":"software","metric":"messages","quantity":9223372036854775808,"idempotency_key":"k"}`,
		`{"module":"software","metric":"messages","quantity":1e400,"idempotency_key":"k"}`,
		`{"module":"software","metric":"messages","quantity":1,"idempotency_key":"a\u0000b"}`,
		"{\"module\":\"software\",\"metric\":\"messages\",\"quantity\":1,\"idempotency_key\":\"\xff\"}",
		`{"module":"nope","metric":"nope","quantity":"many","idempotency_key":5,"occurred_at":"yesterday"}`,
		`{"module":"software","metric":"messages","quantity":1,"idempotency_key":"` + strings.Repeat("k", 300) + `"}`,
		`{"module":"software","metric":"messages","quantity":1,"idempotency_key":"k","occurred_at":"2026-02-31T00:00:00Z"}`,
		`{"module":"software","metric":"messages","quantity":1,"idempotency_key":"k","occurred_at":"2099-01-01T00:00:00Z"}`,
		`[]`, `null`, `{`, ``, `{"quantity":null}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r, errs, err := DecodeReport(body, now)
		if err != nil || errs != nil {
			if err == nil && len(errs) == 0 {
				t.Error("refused with an empty set of field errors")
			}
			return
		}
		if r.Module != db.ModuleKeySoftware && r.Module != db.ModuleKeyHardware || !r.Metric.Valid() {
			t.Errorf("accepted module %q metric %q", r.Module, r.Metric)
		}
		switch r.Metric {
		case db.UsageMetricMessages:
			if r.Quantity < 1 || r.Quantity > MaxMessages {
				t.Errorf("accepted %d messages", r.Quantity)
			}
		case db.UsageMetricDevices:
			if r.Quantity == 0 || r.Quantity < -MaxDeviceChange || r.Quantity > MaxDeviceChange {
				t.Errorf("accepted a change of %d devices", r.Quantity)
			}
		}
		if r.IdempotencyKey == "" || !ui.CleanText(r.IdempotencyKey, false) || utf8.RuneCountInString(r.IdempotencyKey) > MaxKeyLength {
			t.Errorf("accepted idempotency key %q", r.IdempotencyKey)
		}
		if r.OccurredAt != nil && (r.OccurredAt.After(now) || now.Sub(*r.OccurredAt) > MaxAge) {
			t.Errorf("accepted occurred_at %v", r.OccurredAt)
		}
	})
}
