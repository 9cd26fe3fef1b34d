package shop

import (
	"encoding/json"
	"fmt"
	"net/http"
	"partnerportal/web/ui"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// hubListing is one listing of a Hub page, as SearchHub writes it.
type hubListing struct {
	ProductID    int64              `json:"product_id"`
	Name         string             `json:"name"`
	Slug         string             `json:"slug"`
	CompanyName  string             `json:"company_name"`
	CompanySlug  string             `json:"company_slug"`
	Module       db.ModuleKey       `json:"module"`
	Category     db.ProductCategory `json:"category"`
	Price        string             `json:"price"`
	Currency     string             `json:"currency"`
	PricingModel db.PricingModel    `json:"pricing_model"`
	Tagline      string             `json:"tagline"`
	Summary      string             `json:"summary"`
	Purchasable  bool               `json:"purchasable"`
	SortKey      string             `json:"sort_key"`
	InCart       int                `json:"in_cart"`
}

// HandleHub is the public Solutions Hub: the listings SPEC §5 makes visible, searched, filtered
// and sorted by the URL. The search form asks again with htmx as the visitor types and gets the
// results alone, with the URL to show (HX-Push-Url); without JavaScript the same URL is the
// same page.
func HandleHub(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		hq := readHubQuery(c)
		row, err := q.SearchHub(ctx, hq.params(ui.When(c).Today, cartOwnerOf(c)))
		if err != nil {
			return err
		}
		var listings []hubListing
		var companies []struct{ Slug, Name string }
		if err := json.Unmarshal(row.Listings, &listings); err != nil {
			return fmt.Errorf("read hub listings: %w", err)
		}
		if err := json.Unmarshal(row.Companies, &companies); err != nil {
			return fmt.Errorf("read hub companies: %w", err)
		}
		shop := shopperOf(c)
		page := views.HubPage{Filter: hubFilter(hq, companies), Count: solutionsCount(int(row.Total))}
		page.Results = hubResults(hq, listings, shop)
		if ui.IsHTMX(c) {
			c.Response().Header().Set("HX-Push-Url", hq.url())
			return ui.RenderFragment(c, http.StatusOK, views.HubUpdate(page))
		}
		return ui.OK(c, "Solutions Hub", views.HubView(page))
	}
}

// hubResults is a page of cards with its links to the pages around it. SearchHub returns one
// listing more than a page when there is more in the direction asked.
func hubResults(hq hubQuery, listings []hubListing, shop shopper) views.HubResults {
	var r views.HubResults
	more := len(listings) > hubPageSize
	backward := hq.Before != ""
	if more && backward {
		listings = listings[1:]
	} else if more {
		listings = listings[:hubPageSize]
	}
	for _, l := range listings {
		r.Cards = append(r.Cards, listingCard(l, shop, hq.url("after", hq.After, "before", hq.Before)))
	}
	if len(listings) > 0 {
		first, last := listings[0], listings[len(listings)-1]
		if (backward && more) || (!backward && hq.After != "") {
			r.Prev = hq.url("before", first.SortKey+"_"+ui.Itoa(first.ProductID))
		}
		if (!backward && more) || backward {
			r.Next = hq.url("after", last.SortKey+"_"+ui.Itoa(last.ProductID))
		}
	}
	if len(r.Cards) == 0 {
		r.Empty = hubEmpty(hq)
	}
	return r
}

func hubEmpty(hq hubQuery) views.EmptyState {
	switch {
	case hq.After != "" || hq.Before != "":
		return views.EmptyState{Text: "There are no more solutions this way.", ActionLabel: "Back to the first page", ActionHref: hq.url()}
	case hq.filtered():
		return views.EmptyState{Text: "No solutions match your search. Try fewer words or other filters.", ActionLabel: "Clear search and filters", ActionHref: "/hub"}
	}
	return views.EmptyState{Text: "No solutions are listed yet. Check back soon."}
}

func listingCard(l hubListing, shop shopper, back string) views.ListingCard {
	tagline := l.Tagline
	if tagline == "" {
		tagline = l.Summary
	}
	return views.ListingCard{
		ProductID: l.ProductID, Name: l.Name, Href: ui.ListingHref(l.CompanySlug, l.Slug),
		Company: l.CompanyName, CompanyHref: "/hub?company=" + l.CompanySlug,
		Kind: db.ProductKind(l.Module), Category: l.Category.Label(),
		Price: ui.Money(l.Price, l.Currency), Period: ui.PricePeriod(l.PricingModel), Tagline: tagline,
		Buy: shop.buyBox(l.ProductID, l.Name, l.Purchasable, l.InCart, false, back),
	}
}

func hubFilter(hq hubQuery, companies []struct{ Slug, Name string }) views.HubFilter {
	f := views.HubFilter{Q: hq.Q, Kind: hq.Kind, Category: hq.Category, Company: hq.Company,
		MinPrice: hq.MinPrice, MaxPrice: hq.MaxPrice, Sort: hq.Sort, Errors: hq.Errors, Set: hq.filtered()}
	f.Kinds = []views.Option{{Value: "", Label: "Any kind"},
		{Value: string(db.ModuleKeySoftware), Label: db.ProductKind(db.ModuleKeySoftware) + "s"},
		{Value: string(db.ModuleKeyHardware), Label: db.ProductKind(db.ModuleKeyHardware) + "s"}}
	f.Categories = append([]views.Option{{Value: "", Label: "Any category"}}, ui.CategoryOptions()...)
	f.Companies = []views.Option{{Value: "", Label: "Any company"}}
	for _, co := range companies {
		f.Companies = append(f.Companies, views.Option{Value: co.Slug, Label: co.Name})
	}
	f.Sorts = hubSorts
	return f
}

func solutionsCount(n int) string {
	if n == 1 {
		return "1 solution"
	}
	return ui.Count(int64(n)) + " solutions"
}
