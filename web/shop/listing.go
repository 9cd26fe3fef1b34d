package shop

import (
	"partnerportal/web/ui"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/pictures"
)

// HandleListing is a listing's page in the Hub: the product, its company, and add to cart with
// a quantity. A listing SPEC §5 does not make visible is not found.
func HandleListing(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		owner := cartOwnerOf(c)
		l, err := ui.NotFoundIfNone(q.GetHubListing(c.Request().Context(), db.GetHubListingParams{
			ConsumerID: owner.ConsumerID, VisitorKey: owner.VisitorKey, Today: ui.When(c).Today,
			CompanySlug: c.Param("company"), Slug: c.Param("slug")}))
		if err != nil {
			return err
		}
		page := views.ListingPage{
			Name: l.Name, Company: l.CompanyName, CompanyHref: "/hub?company=" + l.CompanySlug,
			Kind: db.ProductKind(l.Module), Category: l.Category.Label(),
			Price: ui.Money(l.Price, l.Currency), Period: ui.PricePeriod(l.PricingModel),
			Tagline: l.Tagline, Summary: l.Summary, Description: ui.Paragraphs(l.Description), Highlights: l.Highlights,
			Facts:          ui.ProductSpecs(l.Category, l.PricingModel, l.Version, l.ModelNumber, l.Connectivity, l.Deployment),
			CompanyTagline: l.CompanyTagline, CompanyEmail: l.CompanyEmail,
			Buy: shopperOf(c).buyBox(l.ProductID, l.Name, l.Purchasable, int(l.InCart), true, ui.ListingHref(l.CompanySlug, l.Slug)),
		}
		page.Pictures = pictures.FromArrays(l.PictureIds, l.PictureHashes, l.PictureTypes, l.PictureWidths, l.PictureHeights, l.Name)
		page.Logo = first(pictures.FromArrays(l.LogoIds, l.LogoHashes, l.LogoTypes, l.LogoWidths, l.LogoHeights, l.CompanyName+" logo"))
		return ui.OK(c, l.Name, views.ListingView(page))
	}
}

// first is the first of a list of pictures, nil when there is none.
func first(ps []views.Picture) *views.Picture {
	if len(ps) == 0 {
		return nil
	}
	return &ps[0]
}
