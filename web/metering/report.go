// Package metering counts usage against plans: the one code path behind the usage API and the
// DevLab console. The decision itself is made by the database (record_usage, migration 00022)
// in one conditional update per report; this package validates reports, keeps their
// idempotency keys and turns each decision into the exact answer that is sent and replayed.
package metering

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"partnerportal/db"
)

const (
	// MaxBatch is the most reports one batch may carry.
	MaxBatch = 1000
	// MaxKeyLength is the longest idempotency key, in characters.
	MaxKeyLength = 255
	// MaxMessages is the most messages one report may carry; devices change by at most
	// MaxDeviceChange either way.
	MaxMessages     = 1_000_000_000
	MaxDeviceChange = 1_000_000
	// MaxAge is how late a report may arrive: occurred_at at most 35 days before now.
	MaxAge = 35 * 24 * time.Hour
	// Retention is how long reports, and so their idempotency keys, are kept: longer than a
	// report may be late, so a late retry of a counted report is still recognised.
	Retention = MaxAge + 24*time.Hour
)

// Report is one valid usage report.
type Report struct {
	Module         db.ModuleKey
	Metric         db.UsageMetric
	Quantity       int64
	IdempotencyKey string
	// OccurredAt is when the usage happened, as the reporter says; it is recorded with the
	// report. Usage always counts against the plan's current term.
	OccurredAt *time.Time
}

// RawReport is a report as it arrives in JSON, before validation.
type RawReport struct {
	Module         string  `json:"module"`
	Metric         string  `json:"metric"`
	Quantity       *int64  `json:"quantity"`
	IdempotencyKey *string `json:"idempotency_key"`
	OccurredAt     *string `json:"occurred_at"`
}

// FieldErrors maps a field of a report to what is wrong with it.
type FieldErrors map[string]string

// DecodeReport reads one report from JSON. A body that is not a JSON object is an error; values
// of the wrong type come back as field errors.
func DecodeReport(b []byte, now time.Time) (Report, FieldErrors, error) {
	var raw RawReport
	errs := FieldErrors{}
	if err := json.Unmarshal(b, &raw); err != nil {
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) || te.Field == "" {
			return Report{}, nil, err
		}
		errs[te.Field] = "must be " + typeName(te.Field)
	}
	r, more := raw.Validate(now)
	for k, v := range more {
		if _, seen := errs[k]; !seen {
			errs[k] = v
		}
	}
	if len(errs) > 0 {
		return Report{}, errs, nil
	}
	return r, nil, nil
}

func typeName(field string) string {
	switch field {
	case "quantity":
		return "a whole number"
	default:
		return "a string"
	}
}

// Validate checks a raw report against the API's rules; now is the portal's clock.
func (raw RawReport) Validate(now time.Time) (Report, FieldErrors) {
	errs := FieldErrors{}
	r := Report{Module: db.ModuleKey(raw.Module), Metric: db.UsageMetric(raw.Metric)}
	if r.Module != db.ModuleKeySoftware && r.Module != db.ModuleKeyHardware {
		errs["module"] = `must be "software" or "hardware"`
	}
	if !r.Metric.Valid() {
		errs["metric"] = `must be "messages" or "devices"`
	}
	switch {
	case raw.Quantity == nil:
		errs["quantity"] = "is required"
	case r.Metric == db.UsageMetricMessages && (*raw.Quantity < 1 || *raw.Quantity > MaxMessages):
		errs["quantity"] = fmt.Sprintf("must be between 1 and %d messages", MaxMessages)
	case r.Metric == db.UsageMetricDevices && (*raw.Quantity == 0 || *raw.Quantity < -MaxDeviceChange || *raw.Quantity > MaxDeviceChange):
		errs["quantity"] = fmt.Sprintf("must be a change of devices between -%d and %d, not 0", MaxDeviceChange, MaxDeviceChange)
	default:
		r.Quantity = *raw.Quantity
	}
	if raw.IdempotencyKey == nil || *raw.IdempotencyKey == "" {
		errs["idempotency_key"] = "is required"
	} else if msg := checkKey(*raw.IdempotencyKey); msg != "" {
		errs["idempotency_key"] = msg
	} else {
		r.IdempotencyKey = *raw.IdempotencyKey
	}
	if raw.OccurredAt != nil {
		t, err := time.Parse(time.RFC3339Nano, *raw.OccurredAt)
		switch {
		case err != nil:
			errs["occurred_at"] = "must be a date and time such as 2026-11-25T09:00:00Z"
		case t.After(now):
			errs["occurred_at"] = "must not be in the future"
		case now.Sub(t) > MaxAge:
			errs["occurred_at"] = "must not be more than 35 days ago"
		default:
			t = t.UTC()
			r.OccurredAt = &t
		}
	}
	if len(errs) > 0 {
		return Report{}, errs
	}
	return r, nil
}

// checkKey refuses keys too long to keep and characters PostgreSQL text cannot hold or a log
// should not show.
func checkKey(k string) string {
	if utf8.RuneCountInString(k) > MaxKeyLength {
		return fmt.Sprintf("must be at most %d characters", MaxKeyLength)
	}
	if strings.IndexFunc(k, unicode.IsControl) >= 0 || !utf8.ValidString(k) {
		return "must not contain control characters"
	}
	return ""
}

// hash identifies what a report asks for, so the same idempotency key with another body can be
// told from a replay. The environment is part of it: a key's reports are the company's.
func (r Report) hash(env db.Environment) string {
	occurred := ""
	if r.OccurredAt != nil {
		occurred = r.OccurredAt.Format(time.RFC3339Nano)
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{string(env), string(r.Module), string(r.Metric),
		fmt.Sprint(r.Quantity), occurred}, "\x00")))
	return hex.EncodeToString(sum[:])
}
