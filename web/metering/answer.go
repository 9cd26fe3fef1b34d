package metering

import (
	"encoding/json"
	"net/http"
)

// Codes of an answer: accepted, or why not.
const (
	CodeAccepted             = "accepted"
	CodeNotSubscribed        = "not_subscribed"
	CodeInactive             = "inactive"
	CodeScheduled            = "scheduled"
	CodeExpired              = "expired"
	CodeExhausted            = "exhausted"
	CodeWouldExceedAllowance = "would_exceed_allowance"
	CodeInvalid              = "invalid"
	// CodeKeyReused answers a known idempotency key sent with another body.
	CodeKeyReused = "idempotency_key_reused"
)

// Result is the answer to one report, as record_usage writes it (migration 00022). Figures are
// those of the plan after the report, for the reported metric; they are null when there is no
// plan, or the metric has no quota (it is then not metered and never refused).
type Result struct {
	Accepted           bool   `json:"accepted"`
	Code               string `json:"code"`
	Message            string `json:"message"`
	IdempotencyKey     string `json:"idempotency_key"`
	Module             string `json:"module"`
	Environment        string `json:"environment"`
	Metric             string `json:"metric"`
	Quantity           int64  `json:"quantity"`
	State              string `json:"state"`
	Used               *int64 `json:"used"`
	Quota              *int64 `json:"quota"`
	Allowance          *int64 `json:"allowance"`
	RemainingQuota     *int64 `json:"remaining_quota"`
	RemainingAllowance *int64 `json:"remaining_allowance"`
	// ValidUntil is the last day of the current term (YYYY-MM-DD).
	ValidUntil *string `json:"valid_until"`
	// Fields says what is wrong with the report when the code is invalid.
	Fields FieldErrors `json:"fields,omitempty"`
}

// Answer is what one report gets: a status and the exact bytes of its JSON body.
type Answer struct {
	Status int
	Body   []byte
	// Replayed answers were stored by an earlier report with the same idempotency key.
	Replayed bool
}

// Result is Body decoded (the API sends the bytes; the DevLab console reads them).
func (a Answer) Result() Result {
	var r Result
	_ = json.Unmarshal(a.Body, &r) // the bytes were made from a Result or a Problem
	return r
}

// Status is the HTTP status of a code.
func Status(code string) int {
	switch code {
	case CodeAccepted:
		return http.StatusOK
	case CodeWouldExceedAllowance:
		return http.StatusTooManyRequests
	case CodeInvalid, CodeKeyReused:
		return http.StatusUnprocessableEntity
	}
	return http.StatusForbidden
}

// Problem is the body of an answer that is not a decision on a plan: a code, a sentence and,
// for invalid input, what is wrong with each field. Every Result is a Problem too.
type Problem struct {
	Code    string      `json:"code"`
	Message string      `json:"message"`
	Fields  FieldErrors `json:"fields,omitempty"`
}

func problemAnswer(p Problem) Answer {
	b, err := json.Marshal(p)
	if err != nil {
		panic(err)
	}
	return Answer{Status: Status(p.Code), Body: b}
}

// Invalid is the answer to a report that breaks the API's rules; nothing is stored for it.
func Invalid(errs FieldErrors) Answer {
	return problemAnswer(Problem{Code: CodeInvalid, Message: "The report is not valid: see fields.", Fields: errs})
}

func keyReused() Answer {
	return problemAnswer(Problem{Code: CodeKeyReused,
		Message: "This idempotency key was already used for a different report. Use a new key for a new report."})
}
