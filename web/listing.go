package web

import (
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/clock"
)

// HandleListing is a listing's page in the Hub: the product, its company, and add to cart with
// a quantity. A listing SPEC §5 does not make visible is not found.
func HandleListing(pool *pgxpool.Pool, clk clock.Clock, cfg Config) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		owner := cartOwnerOf(c)
		l, err := NotFoundIfNone(q.GetHubListing(c.Request().Context(), db.GetHubListingParams{
			ConsumerID: owner.ConsumerID, VisitorKey: owner.VisitorKey, Today: clock.Today(clk, cfg.Location),
			CompanySlug: c.Param("company"), Slug: c.Param("slug")}))
		if err != nil {
			return err
		}
		page := views.ListingPage{
			Name: l.Name, Company: l.CompanyName, CompanyHref: "/hub?company=" + l.CompanySlug,
			Kind: db.ProductKind(l.Module), Category: l.Category.Label(),
			Price: Money(l.Price, l.Currency), Period: PricePeriod(l.PricingModel),
			Tagline: l.Tagline, Summary: l.Summary, Description: paragraphs(l.Description), Highlights: l.Highlights,
			Facts:          productSpecs(l.Category, l.PricingModel, l.Version, l.ModelNumber, l.Connectivity, l.Deployment),
			CompanyTagline: l.CompanyTagline, CompanyEmail: l.CompanyEmail,
			Buy: shopperOf(c).buyBox(l.ProductID, l.Name, l.Purchasable, int(l.InCart), true, ListingHref(l.CompanySlug, l.Slug)),
		}
		return OK(c, l.Name, views.ListingView(page))
	}
}
