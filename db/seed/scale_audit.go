package seed

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
)

// scaleAudit is one entry of the audit trail; company, service and user are indexes, -1 for none.
type scaleAudit struct {
	at                     time.Time
	actor                  int
	company, service, user int
	action, subject        string
	before, after          []byte
}

// scaleModuleNames are the modules' names as the trail quotes them (the modules table's).
var scaleModuleNames = map[db.ModuleKey]string{
	db.ModuleKeySoftware: "Software products", db.ModuleKeyHardware: "Hardware products", db.ModuleKeyDevlab: "IoTConnect DevLab",
	db.ModuleKeyExpressconnect: "ExpressConnect", db.ModuleKeyAppconnect: "AppConnect",
	db.ModuleKeySolutionsHub: "Solutions Hub visibility", db.ModuleKeySupport: "Support",
}

// planAudit writes the trail the staff pages would have left making this data: each company
// created and assigned and its users created by an admin, each service granted, renewed and
// deactivated by its account manager, with the same snapshots those pages record.
func (p *scalePlan) planAudit() {
	jsonOf := func(v any) []byte { b, _ := json.Marshal(v); return b }
	for ci, c := range p.companies {
		admin := ci % p.size.admins
		p.audit = append(p.audit,
			scaleAudit{c.created, admin, ci, -1, -1, "company.create", c.name, nil,
				jsonOf(map[string]any{"name": c.name, "is_hardware": c.hardware, "is_software": c.software})},
			scaleAudit{c.created.Add(time.Minute), admin, ci, -1, -1, "company.assign", c.name,
				jsonOf(map[string]any{"account_manager": ""}), jsonOf(map[string]any{"account_manager": p.users[c.manager].name})})
		for k := range c.nUsers {
			u := p.users[c.firstUser+k]
			p.audit = append(p.audit, scaleAudit{u.created, admin, ci, -1, c.firstUser + k, "user.create", u.name + " <" + u.email + ">", nil,
				jsonOf(map[string]any{"name": u.name, "email": u.email, "role": u.role, "disabled": false})})
		}
	}
	for si, s := range p.services {
		manager := p.companies[s.company].manager
		subject := scaleModuleNames[s.module]
		if s.env != "" {
			subject += " · " + string(s.env)
		}
		entry := func(at time.Time, action string, before, after any) scaleAudit {
			a := scaleAudit{at, manager, s.company, si, -1, action, subject, nil, jsonOf(after)}
			if before != nil {
				a.before = jsonOf(before)
			}
			return a
		}
		for k := range s.nTerms {
			t := p.terms[s.firstTerm+k]
			term := map[string]any{"valid_from": t.from.Format(time.DateOnly), "valid_until": t.until.Format(time.DateOnly),
				"term_months": t.months, "cap_percent": t.cap}
			if t.messageQuota > 0 {
				term["message_quota"] = t.messageQuota
			}
			if t.deviceQuota > 0 {
				term["device_quota"] = t.deviceQuota
			}
			if k == 0 {
				p.audit = append(p.audit, entry(t.created, "service.grant", nil, map[string]any{"status": "active", "version": 1, "new_term": term}))
			} else {
				p.audit = append(p.audit, entry(t.created, "service.renew", map[string]any{"status": "active", "version": k},
					map[string]any{"status": "active", "version": k + 1, "new_term": term}))
			}
		}
		if s.inactive {
			p.audit = append(p.audit, entry(s.deactivated, "service.deactivate", map[string]any{"status": "active", "version": s.nTerms},
				map[string]any{"status": "inactive", "version": s.nTerms + 1}))
		}
	}
}

func (p *scalePlan) copyAudit(ctx context.Context, pool *pgxpool.Pool) error {
	return copyRows(ctx, pool, "audit_events", []string{"id", "at", "actor_id", "company_id", "service_id", "module", "environment",
		"user_id", "action", "subject", "before", "after"}, len(p.audit),
		func(i int, v []any) {
			a := p.audit[i]
			var service, user *int64
			var module, env *string
			if a.service >= 0 {
				s := p.services[a.service]
				id := p.ids.services + int64(a.service)
				m := string(s.module)
				service, module = &id, &m
				if s.env != "" {
					e := string(s.env)
					env = &e
				}
			}
			if a.user >= 0 {
				id := p.ids.users + int64(a.user)
				user = &id
			}
			v[0], v[1], v[2], v[3], v[4], v[5] = p.ids.audit+int64(i), a.at, p.ids.users+int64(a.actor), p.ids.companies+int64(a.company), service, module
			v[6], v[7], v[8], v[9], v[10], v[11] = env, user, a.action, a.subject, a.before, a.after
		})
}
