package seed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
)

// scaleAPIKey is a company's key for one environment; its reports name it.
type scaleAPIKey struct {
	company int
	env     db.Environment
}

// planAPIKeys gives each company a key per environment it holds plans in, and returns them by
// company and environment.
func (p *scalePlan) planAPIKeys() map[[2]int]int {
	keys := map[[2]int]int{}
	for _, s := range p.services {
		k := [2]int{s.company, envIndex(s.env)}
		if _, ok := keys[k]; !ok && metered(s.module) {
			keys[k] = len(p.apiKeys)
			p.apiKeys = append(p.apiKeys, scaleAPIKey{s.company, s.env})
		}
	}
	return keys
}

func envIndex(e db.Environment) int {
	if e == db.EnvironmentSandbox {
		return 1
	}
	return 0
}

func (p *scalePlan) copyAPIKeys(ctx context.Context, pool *pgxpool.Pool) error {
	return copyRows(ctx, pool, "api_keys", []string{"id", "company_id", "environment", "name", "prefix", "secret_hash", "created_by", "created_at"}, len(p.apiKeys),
		func(i int, v []any) {
			k := p.apiKeys[i]
			c := p.companies[k.company]
			hash := sha256.Sum256([]byte(fmt.Sprintf("scale-key-%d-%d", k.company, envIndex(k.env))))
			v[0], v[1], v[2], v[3] = p.ids.apiKeys+int64(i), p.ids.companies+int64(k.company), string(k.env), "Device platform ("+string(k.env)+")"
			v[4], v[5], v[6], v[7] = "pp_"+hex.EncodeToString(hash[:3]), hash[:], p.ids.users+int64(c.firstUser), c.created.AddDate(0, 0, 30)
		})
}

// copyUsageReports writes the reports as record_usage leaves accepted ones: counted against
// their term, with the answer the API gave. The largest table goes in parts, side by side,
// each a stretch of time, so the ids still follow time.
func (p *scalePlan) copyUsageReports(ctx context.Context, pool *pgxpool.Pool) error {
	const parts = 3
	fns := make([]func(context.Context) error, parts)
	for k := range parts {
		from, to := len(p.reports)*k/parts, len(p.reports)*(k+1)/parts
		fns[k] = func(ctx context.Context) error { return p.copyUsageRange(ctx, pool, from, to) }
	}
	return together(ctx, fns...)
}

func (p *scalePlan) copyUsageRange(ctx context.Context, pool *pgxpool.Pool, from, to int) error {
	var body []byte
	return copyRows(ctx, pool, "usage_reports", []string{"id", "company_id", "idempotency_key", "request_hash", "environment", "module",
		"metric", "quantity", "occurred_at", "source", "api_key_id", "term_id", "accepted", "code", "state_after", "used_after",
		"response_status", "response_body", "created_at"}, to-from,
		func(i int, v []any) {
			i += from
			rep := p.reports[i]
			t := p.terms[rep.term]
			s := p.services[t.service]
			id := p.ids.reports + int64(i)
			key := fmt.Sprintf("scale-%010d", id)
			hash := sha256.Sum256([]byte(key))
			metric := "messages"
			if rep.devices {
				metric = "devices"
			}
			var apiKey *int64
			source := "api"
			if s.env == db.EnvironmentSandbox && id%2 == 0 {
				source = "devlab"
			} else {
				k := p.ids.apiKeys + int64(p.keyOf[[2]int{s.company, envIndex(s.env)}])
				apiKey = &k
			}
			at := time.Unix(rep.at, 0).UTC()
			state := reportStates[rep.state]
			body = p.reportAnswer(body[:0], key, metric, rep, state)
			v[0], v[1], v[2], v[3], v[4], v[5] = id, p.ids.companies+int64(s.company), key, hex.EncodeToString(hash[:]), string(s.env), string(s.module)
			v[6], v[7], v[8], v[9], v[10], v[11] = metric, int64(rep.quantity), at, source, apiKey, p.ids.terms+int64(rep.term)
			v[12], v[13], v[14], v[15], v[16], v[17], v[18] = true, "accepted", string(state), rep.used, int32(200), body, at
		})
}

// reportAnswer is the answer of an accepted report, in the fields that say what it counted. The
// wording record_usage adds is left out: a million of them would double the table, and a
// replay of a seeded key never reaches it (its request hash is not one a client's body gives).
func (p *scalePlan) reportAnswer(b []byte, key, metric string, rep scaleReport, state db.ServiceState) []byte {
	return fmt.Appendf(b, `{"accepted": true, "code": "accepted", "idempotency_key": %q, "metric": %q, "quantity": %d, "state": %q, "used": %d}`,
		key, metric, rep.quantity, state, rep.used)
}
