package seed

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// scalePlan is the whole scale data set, decided in memory before anything is written: rows
// refer to each other by index, and ids are the reserved first id plus the index. Everything
// comes from one fixed random seed, so a scale always gives the same data for the same day.
type scalePlan struct {
	size      scaleSize
	today     time.Time
	now       time.Time
	rnd       *rand.Rand
	users     []scaleUser // admins, account managers, consumers, then partner users by company
	partners  int         // the index of the first partner user
	companies []scaleCompany
	services  []scaleService
	terms     []scaleTerm
	apiKeys   []scaleAPIKey
	keyOf     map[[2]int]int // API keys by company and environment
	products  []scaleProduct
	listings  []int // products listed, by index
	orders    []scaleOrder
	lines     []scaleLine
	reports   []scaleReport
	audit     []scaleAudit
	ids       scaleIDs
}

// scaleIDs are the first ids reserved for each table.
type scaleIDs struct {
	users, companies, services, terms, apiKeys, products, orders, lines, purchases, reports, audit int64
}

func newScalePlan(size scaleSize, today, now time.Time) *scalePlan {
	p := &scalePlan{size: size, today: today, now: now, rnd: rand.New(rand.NewPCG(20261125, uint64(size.companies)))}
	p.planAccounts()
	p.planServices()
	p.keyOf = p.planAPIKeys()
	p.planUsage()
	p.planProducts()
	p.planOrders()
	p.planAudit()
	return p
}

// reserve takes the ids of every table the plan writes.
func (p *scalePlan) reserve(ctx context.Context, pool *pgxpool.Pool) error {
	for _, r := range []struct {
		table string
		n     int
		first *int64
	}{
		{"users", len(p.users), &p.ids.users},
		{"partner_companies", len(p.companies), &p.ids.companies},
		{"services", len(p.services), &p.ids.services},
		{"service_terms", len(p.terms), &p.ids.terms},
		{"api_keys", len(p.apiKeys), &p.ids.apiKeys},
		{"products", len(p.products), &p.ids.products},
		{"orders", len(p.orders), &p.ids.orders},
		{"order_lines", len(p.lines), &p.ids.lines},
		{"purchases", len(p.lines), &p.ids.purchases},
		{"usage_reports", len(p.reports), &p.ids.reports},
		{"audit_events", len(p.audit), &p.ids.audit},
	} {
		first, err := reserveIDs(ctx, pool, r.table, r.n)
		if err != nil {
			return err
		}
		*r.first = first
	}
	return nil
}

func (p *scalePlan) counts() ScaleCounts {
	return ScaleCounts{
		Companies: len(p.companies), Users: len(p.users), Consumers: p.size.consumers,
		Services: len(p.services), Terms: len(p.terms), APIKeys: len(p.apiKeys),
		Products: len(p.products), Listings: len(p.listings), Orders: len(p.orders),
		OrderLines: len(p.lines), Purchases: len(p.lines), UsageReports: len(p.reports), AuditEvents: len(p.audit),
	}
}

// pick returns one of xs at random.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// day is today moved by days, at the given hour.
func (p *scalePlan) day(days int, hour int) time.Time {
	return p.today.AddDate(0, 0, days).Add(time.Duration(hour) * time.Hour)
}

// notAfterNow keeps a moment from passing the portal's now.
func (p *scalePlan) notAfterNow(t time.Time) time.Time {
	if t.After(p.now) {
		return p.now
	}
	return t
}
