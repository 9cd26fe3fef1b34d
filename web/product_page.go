package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/clock"
)

const productContextKey = "product"

// ProductGovernor governs the routes about one product (/products/:id…) by the product's own
// plan: the company's plan for its module and environment, as company_access computed it.
// The product is loaded here, with its consumers, so the page costs no further round trip;
// another company's product, or none, is not found.
func ProductGovernor(pool *pgxpool.Pool) Governor {
	q := db.New(pool)
	return func(c echo.Context, u *CurrentUser) (Governing, error) {
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil {
			return Governing{}, echo.ErrNotFound
		}
		p, err := q.GetCompanyProduct(c.Request().Context(), db.GetCompanyProductParams{ID: id, CompanyID: *u.CompanyID})
		if errors.Is(err, pgx.ErrNoRows) {
			return Governing{}, echo.ErrNotFound
		}
		if err != nil {
			return Governing{}, err
		}
		c.Set(productContextKey, &p)
		plan := productPlan{p.Module, p.Environment}
		return Governing{Access: u.Access.Plan(p.Module, p.Environment), Name: plan.name(), Back: "/products/" + Itoa(p.ID)}, nil
	}
}

// productFrom is the product the governor loaded for the request.
func productFrom(c echo.Context) *db.GetCompanyProductRow {
	return c.Get(productContextKey).(*db.GetCompanyProductRow)
}

// productPurchase is one purchase as GetCompanyProduct lists it.
type productPurchase struct {
	ConsumerName  string          `json:"consumer_name"`
	ConsumerEmail string          `json:"consumer_email"`
	PurchasedAt   time.Time       `json:"purchased_at"`
	Price         string          `json:"price"`
	Currency      string          `json:"currency"`
	PricingModel  db.PricingModel `json:"pricing_model"`
	Quantity      int32           `json:"quantity"`
}

// HandleProduct is a product's page: its details, its plan's state and its consumers.
func HandleProduct(cfg Config) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := productFrom(c)
		acc := AreaAccess(c)
		plan := productPlan{p.Module, p.Environment}
		var purchases []productPurchase
		if err := json.Unmarshal(p.Purchases, &purchases); err != nil {
			return fmt.Errorf("read purchases: %w", err)
		}
		page := views.ProductPage{
			ID: p.ID, Name: p.Name, Kind: db.ProductKind(p.Module), Environment: p.Environment.Label(),
			Status:  productBadge(p.Status, p.ArchivedAt != nil),
			Banner:  BannerFor(plan.name(), acc),
			CanEdit: acc.State.CanUse() && p.ArchivedAt == nil,
			Price:   Money(p.Price, p.Currency), Period: PricePeriod(p.PricingModel),
			Summary: p.Summary, Description: paragraphs(p.Description),
			Facts:         productFacts(p, cfg.Location),
			Plan:          views.PlanInfo{Label: plan.label(), Badge: StateBadge(acc.State), Text: planState(acc)},
			ConsumerCount: int(p.PurchaseCount),
			CSRF:          CSRFToken(c),
		}
		page.Publish = views.Option{Value: string(db.ProductStatusPublished), Label: "Publish"}
		if p.Status == db.ProductStatusPublished {
			page.Publish = views.Option{Value: string(db.ProductStatusDraft), Label: "Back to draft"}
		}
		if p.ArchivedAt != nil {
			page.Archived = "Archived on " + LongDate(p.ArchivedAt.In(cfg.Location)) + ". It no longer appears in your product list and cannot be changed."
		}
		for _, pu := range purchases {
			page.Consumers = append(page.Consumers, consumerRow(pu, acc, cfg.Location))
		}
		if len(purchases) < page.ConsumerCount {
			page.ConsumerNote = fmt.Sprintf("The %d most recent of %s purchases.", len(purchases), Count(int64(page.ConsumerCount)))
		}
		return OK(c, p.Name, views.ProductView(page))
	}
}

// consumerRow is a purchase with whether its consumer can use the product (PurchaseAccess).
func consumerRow(pu productPurchase, acc ModuleAccess, loc *time.Location) views.ConsumerRow {
	row := views.ConsumerRow{Name: pu.ConsumerName, Email: pu.ConsumerEmail,
		PurchasedOn: LongDate(pu.PurchasedAt.In(loc)),
		Paid:        paid(pu.Price, pu.Currency, pu.PricingModel, pu.Quantity)}
	var since *time.Time
	if acc.ReadOnlySince != nil {
		since = &acc.ReadOnlySince.Time
	}
	row.Access, row.AccessText = PurchaseAccess(acc.State, since)
	return row
}

// PurchaseAccess says whether a consumer can use a purchase, from the state of the partner's
// plan for the product: only while the plan can be used (SPEC §5); otherwise it is released,
// since the plan's read-only date when there is one.
func PurchaseAccess(state db.ServiceState, since *time.Time) (views.Badge, string) {
	if state.CanUse() {
		return views.Badge{Tone: "active", Icon: "✓", Label: "Active"}, "Can use it"
	}
	text := "Released by the partner"
	if since != nil {
		text += " on " + LongDate(*since)
	}
	return views.Badge{Tone: "readonly", Icon: "⊘", Label: "Released"}, text
}

// paid is what a purchase cost: the unit price with its period, and how many were bought.
func paid(price, currency string, model db.PricingModel, quantity int32) string {
	s := strings.TrimSpace(Money(price, currency) + " " + PricePeriod(model))
	if quantity > 1 {
		s += " × " + strconv.Itoa(int(quantity))
	}
	return s
}

func productFacts(p *db.GetCompanyProductRow, loc *time.Location) []views.Fact {
	facts := append([]views.Fact{{Label: "Slug", Value: p.Slug}},
		productSpecs(p.Category, p.PricingModel, p.Version, p.ModelNumber, p.Connectivity, p.Deployment)...)
	return append(facts,
		views.Fact{Label: "Created", Value: LongDate(p.CreatedAt.In(loc))},
		views.Fact{Label: "Last changed", Value: LongDate(p.UpdatedAt.In(loc))})
}

// productSpecs are what a product is, as its page and its Hub listing show them.
func productSpecs(category db.ProductCategory, pricing db.PricingModel, version string, modelNumber *string,
	connectivity []string, deployment *db.SoftwareDeployment) []views.Fact {
	facts := []views.Fact{
		{Label: "Category", Value: category.Label()},
		{Label: "Pricing", Value: pricing.Label()},
	}
	if version != "" {
		facts = append(facts, views.Fact{Label: "Version", Value: version})
	}
	if modelNumber != nil {
		facts = append(facts, views.Fact{Label: "Model number", Value: *modelNumber})
	}
	if len(connectivity) > 0 {
		labels := make([]string, len(connectivity))
		for i, k := range connectivity {
			labels[i] = db.ConnectivityLabel(k)
		}
		facts = append(facts, views.Fact{Label: "Connectivity", Value: strings.Join(labels, ", ")})
	}
	if deployment != nil {
		facts = append(facts, views.Fact{Label: "Deployment", Value: deployment.Label()})
	}
	return facts
}

// paragraphs splits plain text at empty lines; line breaks inside a paragraph stay (CSS
// pre-line shows them).
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// refuseArchived answers a change to an archived product: it stays as it was.
func refuseArchived(c echo.Context, p *db.GetCompanyProductRow) error {
	return FlashRedirect(c, "error", "“"+p.Name+"” is archived and can no longer be changed.", "/products/"+Itoa(p.ID))
}

// HandleSetProductStatus publishes a product or takes it back to draft.
func HandleSetProductStatus(pool *pgxpool.Pool, clk clock.Clock) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		p := productFrom(c)
		status := db.ProductStatus(c.FormValue("status"))
		if !status.Valid() {
			return &Error{Code: 400, Message: "Choose draft or published."}
		}
		n, err := q.SetProductStatus(ctx, db.SetProductStatusParams{Status: status, Now: clk.Now(), ID: p.ID, CompanyID: p.CompanyID})
		if err != nil {
			return err
		}
		if n == 0 {
			return refuseArchived(c, p)
		}
		msg := "“" + p.Name + "” is published."
		if status == db.ProductStatusDraft {
			msg = "“" + p.Name + "” is back to draft."
		}
		return FlashRedirect(c, "success", msg, "/products/"+Itoa(p.ID))
	}
}

// HandleArchiveProduct takes a product out of the lists; purchases and history keep it.
func HandleArchiveProduct(pool *pgxpool.Pool, clk clock.Clock) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		p := productFrom(c)
		n, err := q.ArchiveProduct(ctx, db.ArchiveProductParams{Now: clk.Now(), ID: p.ID, CompanyID: p.CompanyID})
		if err != nil {
			return err
		}
		if n == 0 {
			return refuseArchived(c, p)
		}
		return FlashRedirect(c, "success", "“"+p.Name+"” is archived. Its consumers keep their purchases; the Archived filter still finds it.", "/products")
	}
}
