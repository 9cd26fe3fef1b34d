package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/metering"
	"partnerportal/web/ui"
)

// reporterFor is who a request of the API reports for: the key's company, in its environment.
func reporterFor(c echo.Context) metering.Reporter {
	k := apiKeyFrom(c)
	return metering.Reporter{CompanyID: k.CompanyID, Environment: k.Environment, Source: db.UsageSourceApi, APIKeyID: &k.ID}
}

// meterError turns a failure of the meter into the API's answer.
func meterError(c echo.Context, cache *KeyCache, err error) error {
	if errors.Is(err, metering.ErrKeyRevoked) {
		if hash, ok := c.Request().Context().Value(apiKeyHashKey{}).([32]byte); ok {
			cache.forget(hash)
		}
		return errUnauthorized
	}
	if errors.Is(err, metering.ErrInFlight) {
		return &apiError{Status: http.StatusConflict, Code: "idempotency_key_in_flight",
			Message: "A report with the same idempotency key is still being processed. Retry shortly; it will not be counted twice."}
	}
	return err
}

// HandleUsage is POST /api/v1/usage: one report, counted or refused with its reason.
func HandleUsage(m *metering.Meter, cache *KeyCache) echo.HandlerFunc {
	return func(c echo.Context) error {
		body, err := readAPIBody(c)
		if err != nil {
			return err
		}
		r, fieldErrs, err := metering.DecodeReport(body, ui.When(c).Now)
		if err != nil {
			return errMalformed
		}
		if fieldErrs != nil {
			a := metering.Invalid(fieldErrs)
			return writeJSONBytes(c, a.Status, a.Body)
		}
		answers, err := m.Record(c.Request().Context(), reporterFor(c), []metering.Report{r})
		if err != nil {
			return meterError(c, cache, err)
		}
		return writeJSONBytes(c, answers[0].Status, answers[0].Body)
	}
}

// batchResult is one report's answer within a batch: the status and body it would have had
// on its own.
type batchResult struct {
	Status int
	Body   []byte
}

// writeBatch answers {"results": [{"index", "status", "body"}…]} with each body exactly as
// stored: encoding/json would reformat them.
func writeBatch(c echo.Context, results []batchResult) error {
	var b bytes.Buffer
	b.WriteString(`{"results":[`)
	for i, r := range results {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"index":%d,"status":%d,"body":`, i, r.Status)
		b.Write(r.Body)
		b.WriteByte('}')
	}
	b.WriteString("]}")
	return writeJSONBytes(c, http.StatusOK, b.Bytes())
}

// HandleUsageBatch is POST /api/v1/usage/batch: up to metering.MaxBatch reports, each answered
// on its own, in one transaction and one call to the database.
func HandleUsageBatch(m *metering.Meter, cache *KeyCache) echo.HandlerFunc {
	return func(c echo.Context) error {
		body, err := readAPIBody(c)
		if err != nil {
			return err
		}
		var req struct {
			Reports []json.RawMessage `json:"reports"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) && te.Field == "reports" {
				return &apiError{Status: http.StatusUnprocessableEntity, Code: metering.CodeInvalid, Message: "The batch is not valid: see fields.",
					Fields: metering.FieldErrors{"reports": "must be an array of reports"}}
			}
			return errMalformed
		}
		if len(req.Reports) == 0 || len(req.Reports) > metering.MaxBatch {
			return &apiError{Status: http.StatusUnprocessableEntity, Code: metering.CodeInvalid, Message: "The batch is not valid: see fields.",
				Fields: metering.FieldErrors{"reports": "must hold between 1 and " + strconv.Itoa(metering.MaxBatch) + " reports"}}
		}
		now := ui.When(c).Now
		results := make([]batchResult, len(req.Reports))
		var valid []metering.Report
		var at []int
		for i, raw := range req.Reports {
			r, fieldErrs, err := metering.DecodeReport(raw, now)
			if err != nil {
				fieldErrs = metering.FieldErrors{"report": "must be a JSON object"}
			}
			if fieldErrs != nil {
				a := metering.Invalid(fieldErrs)
				results[i].Status, results[i].Body = a.Status, a.Body
				continue
			}
			valid = append(valid, r)
			at = append(at, i)
		}
		if len(valid) > 0 {
			answers, err := m.Record(c.Request().Context(), reporterFor(c), valid)
			if err != nil {
				return meterError(c, cache, err)
			}
			for j, a := range answers {
				results[at[j]].Status, results[at[j]].Body = a.Status, a.Body
			}
		}
		return writeBatch(c, results)
	}
}
