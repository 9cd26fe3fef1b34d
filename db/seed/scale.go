package seed

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// ScalePassword is the password of every account the scale seed makes; its hash is computed once
// and shared by all of them, as hashing thousands of passwords would take minutes.
const ScalePassword = "scale-password-1"

// ScaleManagerEmail is the account manager whose portfolio has a known size at every scale:
// ScaleManagerCompanies × the scale, rounded.
const ScaleManagerEmail = "am.scale@example.com"

// The sizes of scale 1. Every count is multiplied by the scale and rounded (at least 1 where a
// table must not be empty); usage reports and purchases are exact, the rest as documented.
const (
	ScaleCompanies        = 2000
	ScaleManagers         = 20
	ScaleManagerCompanies = 200
	ScaleAdmins           = 5
	ScaleProducts         = 100_000
	ScaleListings         = 50_000
	ScaleConsumers        = 20_000
	ScalePurchases        = 200_000
	ScaleUsageReports     = 1_000_000
)

// ScaleOptions say how much to load and when the data is placed.
type ScaleOptions struct {
	// N multiplies every count of scale 1; at least 0.001.
	N float64
	// Today is the portal's day: terms are placed around it so that every state of SPEC §4 occurs.
	Today time.Time
	// Now is the portal's moment; nothing is dated after it.
	Now time.Time
}

// ScaleCounts is what Scale wrote, by table, and how long it took.
type ScaleCounts struct {
	Companies, Users, Consumers, Services, Terms, APIKeys, Products, Listings int
	Orders, OrderLines, Purchases, UsageReports, AuditEvents                  int
	Elapsed                                                                   time.Duration
}

// String is the one-line summary `portal seed --scale` prints.
func (c ScaleCounts) String() string {
	return fmt.Sprintf("scale seed: %d companies, %d users (%d consumers), %d services, %d terms, %d API keys, "+
		"%d products, %d listings, %d orders, %d order lines, %d purchases, %d usage reports, %d audit events in %.1fs",
		c.Companies, c.Users, c.Consumers, c.Services, c.Terms, c.APIKeys, c.Products, c.Listings,
		c.Orders, c.OrderLines, c.Purchases, c.UsageReports, c.AuditEvents, c.Elapsed.Seconds())
}

// scaleSize is scale 1's counts multiplied by N.
type scaleSize struct {
	companies, managers, managed, admins, products, listings, consumers, purchases, reports int
}

func sizeFor(n float64) (scaleSize, error) {
	if math.IsNaN(n) || n < 0.001 || n > 100 {
		return scaleSize{}, fmt.Errorf("scale %v: give a number from 0.001 to 100 (1 is %d companies)", n, ScaleCompanies)
	}
	at := func(base int, least int) int { return max(least, int(math.Round(float64(base)*n))) }
	s := scaleSize{
		companies: at(ScaleCompanies, 2), managers: at(ScaleManagers, 2), admins: at(ScaleAdmins, 1),
		products: at(ScaleProducts, 1), listings: at(ScaleListings, 1), consumers: at(ScaleConsumers, 1),
		purchases: at(ScalePurchases, 1), reports: at(ScaleUsageReports, 1),
	}
	s.managed = min(at(ScaleManagerCompanies, 1), s.companies-1)
	return s, nil
}

// ErrScaleThere is returned when the database holds partner companies besides the demo's: the
// scale seed loads into a freshly migrated database, or one holding only the demo.
var ErrScaleThere = errors.New("the database holds partner companies besides the demo's; " +
	"the scale seed loads only into a freshly migrated database (or one holding only the demo): create a new one")

// Scale loads a data set for benchmarks, sized by opts.N, with PostgreSQL COPY on several
// connections at once. It is not one transaction: if it fails half-way, drop the database.
// It refuses (ErrScaleThere) a database that holds companies besides the demo's.
func Scale(ctx context.Context, pool *pgxpool.Pool, hasher PasswordHasher, opts ScaleOptions) (ScaleCounts, error) {
	start := time.Now()
	size, err := sizeFor(opts.N)
	if err != nil {
		return ScaleCounts{}, err
	}
	names := make([]string, 0, len(demoCompanies))
	for _, c := range demoCompanies {
		names = append(names, c.name)
	}
	var others int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM partner_companies WHERE name <> ALL($1::text[])`, names).Scan(&others); err != nil {
		return ScaleCounts{}, err
	}
	if others > 0 {
		return ScaleCounts{}, fmt.Errorf("%w (%d found)", ErrScaleThere, others)
	}
	p := newScalePlan(size, opts.Today, opts.Now)
	if err := p.reserve(ctx, pool); err != nil {
		return ScaleCounts{}, err
	}
	if err := p.load(ctx, pool, hasher.Hash(ScalePassword)); err != nil {
		return ScaleCounts{}, err
	}
	counts := p.counts()
	counts.Elapsed = time.Since(start)
	return counts, nil
}
