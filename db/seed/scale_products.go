package seed

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
)

// scaleProduct is one product, in a plan its company holds. Its longer copy is written from its
// own random stream when it is copied, so it is not kept in memory.
type scaleProduct struct {
	company          int
	module           db.ModuleKey
	env              db.Environment
	name, slug       string
	category         db.ProductCategory
	cents            int64
	currency         string
	pricing          db.PricingModel
	published        bool
	archived         bool
	created, updated time.Time
	deployment       string
	conn             []string
}

var scaleCategories = db.AllProductCategoryValues()

// planProducts spreads the products over the companies' plans, four in production for one in
// the sandbox, and lists ScaleListings of the published production ones.
func (p *scalePlan) planProducts() {
	r := p.rnd
	plans := make([][]int, len(p.companies))
	for i, s := range p.services {
		if metered(s.module) {
			for range 1 + 3*(1-envIndex(s.env)) {
				plans[s.company] = append(plans[s.company], i)
			}
		}
	}
	var listable []int
	for i := range p.size.products {
		ci := r.IntN(len(p.companies))
		s := p.services[pick(r, plans[ci])]
		kind := pick(r, softwareKinds)
		if s.module == db.ModuleKeyHardware {
			kind = pick(r, hardwareKinds)
		}
		name := pick(r, productStems) + pick(r, productEndings) + " " + kind
		pr := scaleProduct{
			company: ci, module: s.module, env: s.env, name: name,
			slug:     fmt.Sprintf("%s-%d", strings.ToLower(strings.ReplaceAll(name, " ", "-")), i+1),
			category: pick(r, scaleCategories), currency: pick(r, []string{"EUR", "EUR", "EUR", "USD", "USD", "GBP"}),
			published: r.IntN(100) < 85, archived: r.IntN(100) < 2,
			created: p.day(-200-r.IntN(700), 8+r.IntN(10)),
		}
		pr.updated = pr.created.AddDate(0, 0, r.IntN(150))
		if s.module == db.ModuleKeySoftware {
			pr.deployment = pick(r, []string{"cloud", "cloud", "edge", "on_premises"})
			pr.pricing, pr.cents = db.PricingModelMonthly, int64(9+r.IntN(490))*100+pick(r, []int64{0, 0, 90, 99})
			if pr.deployment == "on_premises" {
				pr.pricing, pr.cents = db.PricingModelOneTime, int64(500+r.IntN(9500))*100
			}
		} else {
			pr.conn = pick(r, [][]string{{"ble", "lorawan"}, {"wifi", "ethernet"}, {"cellular"}, {"lorawan"}, {"wifi", "cellular", "ethernet"}, {"ble"}})
			pr.pricing, pr.cents = db.PricingModelOneTime, int64(19+r.IntN(2980))*100+pick(r, []int64{0, 50, 99})
		}
		if pr.published && pr.env == db.EnvironmentProduction && !pr.archived {
			listable = append(listable, i)
		}
		p.products = append(p.products, pr)
	}
	r.Shuffle(len(listable), func(a, b int) { listable[a], listable[b] = listable[b], listable[a] })
	p.listings = listable[:min(len(listable), p.size.listings)]
}

// copyRand returns the product's random stream for its copy: the same text on every run.
func (p *scalePlan) copyRand(i int) *rand.Rand { return rand.New(rand.NewPCG(uint64(i), 0x5ca1e)) }

func (p *scalePlan) copyProducts(ctx context.Context, pool *pgxpool.Pool) error {
	return copyRows(ctx, pool, "products", []string{"id", "company_id", "module", "environment", "name", "slug", "summary",
		"description", "category", "version", "price", "currency", "pricing_model", "status", "model_number", "connectivity",
		"deployment", "revision", "archived_at", "created_at", "updated_at"}, len(p.products),
		func(i int, v []any) {
			pr := p.products[i]
			r := p.copyRand(i)
			topic := scaleTopics[pr.category]
			noun, verb := pick(r, topic.nouns), pick(r, topic.verbs)
			summary := fmt.Sprintf("%s %s %s for %s, %s.", pr.name, verb, noun, pick(r, []string{"teams of any size", "growing businesses", "large sites", "partners and integrators"}), pick(r, []string{"in real time", "every hour", "around the clock", "with clear reports"}))
			description := fmt.Sprintf("%s %s %s and %s, and tells you what needs attention first.\n\n%s. %s. %s.",
				pr.name, verb, noun, pick(r, topic.nouns), pick(r, topic.highlights), pick(r, topic.highlights), pick(r, []string{
					"Set up in an afternoon", "Backed by a three-year warranty", "Data stays in the EU", "Open API and webhooks", "Made for installers"}))
			status, archived := db.ProductStatusDraft, (*time.Time)(nil)
			if pr.published {
				status = db.ProductStatusPublished
			}
			if pr.archived {
				archived = &pr.updated
			}
			var model, conn, deployment any
			if pr.module == db.ModuleKeyHardware {
				model, conn = fmt.Sprintf("%s-%d", strings.ToUpper(pr.slug[:2]), 100+i%900), pr.conn
			} else {
				deployment = pr.deployment
			}
			v[0], v[1], v[2], v[3], v[4], v[5], v[6] = p.ids.products+int64(i), p.ids.companies+int64(pr.company), string(pr.module), string(pr.env), pr.name, pr.slug, summary
			v[7], v[8], v[9], v[10], v[11], v[12], v[13] = description, string(pr.category), fmt.Sprintf("%d.%d", 1+r.IntN(4), r.IntN(10)), price(pr.cents), pr.currency, string(pr.pricing), string(status)
			v[14], v[15], v[16], v[17], v[18], v[19], v[20] = model, conn, deployment, int32(1+int(pr.updated.Sub(pr.created).Hours()/24/30)), archived, pr.created, pr.updated
		})
}

// price is an amount in cents as numeric(12,2) takes it.
func price(cents int64) pgtype.Numeric {
	return pgtype.Numeric{Int: big.NewInt(cents), Exp: -2, Valid: true}
}

// copyListings writes the listings; the listings trigger makes each one's search document.
func (p *scalePlan) copyListings(ctx context.Context, pool *pgxpool.Pool) error {
	return copyRows(ctx, pool, "listings", []string{"product_id", "tagline", "highlights", "listed_at", "updated_at"}, len(p.listings),
		func(i int, v []any) {
			pi := p.listings[i]
			pr := p.products[pi]
			r := p.copyRand(-pi - 1)
			topic := scaleTopics[pr.category]
			tagline := fmt.Sprintf("%s %s %s.", pick(r, []string{"Every one of your", "All your", "Your"}), pick(r, topic.nouns),
				pick(r, []string{"on one screen", "under control", "working harder", "safe and counted", "in plain numbers"}))
			highlights := make([]string, 0, 4)
			for _, k := range r.Perm(len(topic.highlights))[:1+r.IntN(4)] {
				highlights = append(highlights, topic.highlights[k])
			}
			var listed *time.Time
			if i%20 != 0 { // one in twenty has its copy written but is not listed
				t := pr.updated.AddDate(0, 0, 1)
				listed = &t
			}
			v[0], v[1], v[2], v[3], v[4] = p.ids.products+int64(pi), tagline, highlights, listed, pr.updated.AddDate(0, 0, 1)
		})
}
