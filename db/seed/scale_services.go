package seed

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
)

// scaleService is one service; its terms are terms[firstTerm : firstTerm+nTerms], oldest first.
type scaleService struct {
	company     int
	module      db.ModuleKey
	env         db.Environment // "" for modules without plans
	target      db.ServiceState
	inactive    bool
	deactivated time.Time // when it was set inactive
	firstTerm   int
	nTerms      int
}

// scaleStates are the states the services are built to be in today, with their weights; a
// module without quotas cannot be exhausted and is built active instead.
var scaleStates = []struct {
	state  db.ServiceState
	weight int
}{
	{db.ServiceStateActive, 55}, {db.ServiceStateGrace, 10}, {db.ServiceStateExpired, 12},
	{db.ServiceStateExhausted, 8}, {db.ServiceStateScheduled, 7}, {db.ServiceStateInactive, 8},
}

// scaleModules are the modules besides the plans, with the share of companies holding each.
var scaleModules = []struct {
	module  db.ModuleKey
	percent int
}{
	{db.ModuleKeySolutionsHub, 100}, {db.ModuleKeySupport, 95}, {db.ModuleKeyDevlab, 80},
	{db.ModuleKeyExpressconnect, 80}, {db.ModuleKeyAppconnect, 70},
}

// planServices gives each company a production plan of each kind it is, usually a sandbox plan
// too, and most of the other modules: about 7 services a company.
func (p *scalePlan) planServices() {
	r := p.rnd
	for ci, c := range p.companies {
		var held []scaleService
		for _, kind := range []struct {
			module db.ModuleKey
			is     bool
		}{{db.ModuleKeySoftware, c.software}, {db.ModuleKeyHardware, c.hardware}} {
			if !kind.is {
				continue
			}
			held = append(held, scaleService{company: ci, module: kind.module, env: db.EnvironmentProduction})
			if r.IntN(100) < 90 {
				held = append(held, scaleService{company: ci, module: kind.module, env: db.EnvironmentSandbox})
			}
		}
		for _, m := range scaleModules {
			if r.IntN(100) < m.percent {
				held = append(held, scaleService{company: ci, module: m.module})
			}
		}
		for _, s := range held {
			s.target = p.pickState(s.module)
			p.planTerms(&s)
			p.services = append(p.services, s)
		}
	}
}

func (p *scalePlan) pickState(module db.ModuleKey) db.ServiceState {
	n := p.rnd.IntN(100)
	for _, s := range scaleStates {
		if n < s.weight {
			if s.state == db.ServiceStateExhausted && module != db.ModuleKeySoftware && module != db.ModuleKeyHardware {
				return db.ServiceStateActive
			}
			return s.state
		}
		n -= s.weight
	}
	return db.ServiceStateActive
}

// copyServices writes the services and then their terms.
func (p *scalePlan) copyServices(ctx context.Context, pool *pgxpool.Pool) error {
	err := copyRows(ctx, pool, "services", []string{"id", "company_id", "module", "environment", "status", "version", "created_at"}, len(p.services),
		func(i int, v []any) {
			s := p.services[i]
			var env *string
			if s.env != "" {
				e := string(s.env)
				env = &e
			}
			status, version := db.ServiceStatusActive, int32(s.nTerms)
			if s.inactive {
				status, version = db.ServiceStatusInactive, version+1
			}
			v[0], v[1], v[2], v[3], v[4], v[5], v[6] = p.ids.services+int64(i), p.ids.companies+int64(s.company), string(s.module), env,
				string(status), version, p.terms[s.firstTerm].created
		})
	if err != nil {
		return err
	}
	return copyRows(ctx, pool, "service_terms", []string{"id", "service_id", "module", "valid_from", "term_months", "cap_percent",
		"message_quota", "device_quota", "messages_used", "devices_used", "created_at"}, len(p.terms),
		func(i int, v []any) {
			t := p.terms[i]
			v[0], v[1], v[2], v[3], v[4], v[5] = p.ids.terms+int64(i), p.ids.services+int64(t.service), string(p.services[t.service].module),
				t.from, t.months, t.cap
			v[6], v[7], v[8], v[9], v[10] = optional(t.messageQuota), optional(t.deviceQuota), t.messagesUsed, t.devicesUsed, t.created
		})
}
