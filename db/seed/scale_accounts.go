package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
)

// scaleUser is one account of the scale data set.
type scaleUser struct {
	email, name string
	role        db.UserRole
	company     int // index of the partner's company; -1 for everyone else
	created     time.Time
}

// scaleCompany is one partner company; manager is its account manager's user index.
type scaleCompany struct {
	name               string
	hardware, software bool
	manager            int
	firstUser, nUsers  int
	tagline, contact   string
	created            time.Time
}

// planAccounts makes the staff, the consumers and the companies with their partner users. The
// addresses follow a pattern so benchmarks can sign in as anyone: admin1.scale@example.com,
// am.scale@example.com and am2.scale@example.com…, consumer1@scale.example…, and p1.c1@scale.example
// (the first user of the first company)….
func (p *scalePlan) planAccounts() {
	r := p.rnd
	person := func() string { return pick(r, firstNames) + " " + pick(r, lastNames) }
	staffSince := p.day(-2000, 9)
	for i := range p.size.admins {
		p.users = append(p.users, scaleUser{fmt.Sprintf("admin%d.scale@example.com", i+1), person(), db.UserRoleAdmin, -1, staffSince})
	}
	firstManager := len(p.users)
	for i := range p.size.managers {
		email := ScaleManagerEmail
		if i > 0 {
			email = fmt.Sprintf("am%d.scale@example.com", i+1)
		}
		p.users = append(p.users, scaleUser{email, person(), db.UserRoleAccountManager, -1, staffSince})
	}
	for i := range p.size.consumers {
		p.users = append(p.users, scaleUser{fmt.Sprintf("consumer%d@scale.example", i+1), person(), db.UserRoleConsumer, -1, p.day(-700+r.IntN(500), 8+r.IntN(12))})
	}
	p.partners = len(p.users)
	taken := map[string]bool{}
	for _, c := range demoCompanies {
		taken[c.name] = true
	}
	for i := range p.size.companies {
		name := pick(r, companyStems) + pick(r, companyEndings) + " " + pick(r, companyKinds)
		for n := 2; taken[name]; n++ {
			name = fmt.Sprintf("%s %s %d", pick(r, companyStems)+pick(r, companyEndings), pick(r, companyKinds), n)
		}
		taken[name] = true
		// am.scale manages exactly the first size.managed companies; the others share the rest.
		manager := firstManager
		if i >= p.size.managed {
			manager = firstManager + 1 + (i-p.size.managed)%(p.size.managers-1)
		}
		kind := r.IntN(100)
		c := scaleCompany{
			name: name, software: kind < 75, hardware: kind >= 35, manager: manager,
			firstUser: len(p.users), nUsers: 1 + r.IntN(3),
			tagline: pick(r, companyTaglines), contact: fmt.Sprintf("sales.c%d@scale.example", i+1),
			created: p.day(-1500+r.IntN(700), 9),
		}
		for k := range c.nUsers {
			p.users = append(p.users, scaleUser{fmt.Sprintf("p%d.c%d@scale.example", k+1, i+1), person(), db.UserRolePartner, i, c.created.AddDate(0, 0, k*10)})
		}
		p.companies = append(p.companies, c)
	}
}

// copyUsers writes the staff and consumers, or (partners) the partner users, who need their
// companies first.
func (p *scalePlan) copyUsers(ctx context.Context, pool *pgxpool.Pool, hash string, partners bool) error {
	from, to := 0, p.partners
	if partners {
		from, to = p.partners, len(p.users)
	}
	return copyRows(ctx, pool, "users", []string{"id", "email", "name", "password_hash", "role", "company_id", "created_at"}, to-from,
		func(i int, v []any) {
			u := p.users[from+i]
			var company *int64
			if u.company >= 0 {
				id := p.ids.companies + int64(u.company)
				company = &id
			}
			v[0], v[1], v[2], v[3], v[4], v[5], v[6] = p.ids.users+int64(from+i), u.email, u.name, hash, string(u.role), company, u.created
		})
}

func (p *scalePlan) copyCompanies(ctx context.Context, pool *pgxpool.Pool) error {
	return copyRows(ctx, pool, "partner_companies",
		[]string{"id", "name", "is_hardware", "is_software", "account_manager_id", "hub_tagline", "hub_contact_email", "created_at"}, len(p.companies),
		func(i int, v []any) {
			c := p.companies[i]
			v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7] = p.ids.companies+int64(i), c.name, c.hardware, c.software,
				p.ids.users+int64(c.manager), c.tagline, c.contact, c.created
		})
}
