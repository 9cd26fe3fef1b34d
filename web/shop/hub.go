package shop

import (
	"errors"
	"net/http"
	"partnerportal/web/ui"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/pictures"
)

// HandleHub is the public Solutions Hub: the listings SPEC §5 makes visible, searched, filtered
// and sorted by the URL. The search form asks again with htmx as the visitor types and gets the
// results alone, with the URL to show (HX-Push-Url); without JavaScript the same URL is the
// same page.
func HandleHub(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		hq := readHubQuery(c)
		rows, err := q.SearchHub(ctx, hq.params(ui.When(c).Today, cartOwnerOf(c)))
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return errors.New("search the hub: no row")
		}
		// every row carries the count and the companies; an empty page's one row has no listing
		head, listings := rows[0], rows
		if head.ProductID == nil {
			listings = nil
		}
		shop := shopperOf(c)
		page := views.HubPage{Filter: hubFilter(hq, head.CompanySlugs, head.CompanyNames), Count: solutionsCount(int(head.Total))}
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
func hubResults(hq hubQuery, listings []db.SearchHubRow, shop shopper) views.HubResults {
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
			r.Prev = hq.url("before", *first.SortKey+"_"+ui.Itoa(*first.ProductID))
		}
		if (!backward && more) || backward {
			r.Next = hq.url("after", *last.SortKey+"_"+ui.Itoa(*last.ProductID))
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

// listingCard is a listing of the page: a row of SearchHub with a listing.
func listingCard(l db.SearchHubRow, shop shopper, back string) views.ListingCard {
	tagline := *l.Tagline
	if tagline == "" {
		tagline = *l.Summary
	}
	return views.ListingCard{
		ProductID: *l.ProductID, Name: *l.Name, Href: ui.ListingHref(*l.CompanySlug, *l.Slug),
		Company: *l.CompanyName, CompanyHref: "/hub?company=" + *l.CompanySlug,
		Kind: db.ProductKind(*l.Module), Category: l.Category.Label(),
		Price: ui.Money(*l.Price, *l.Currency), Period: ui.PricePeriod(*l.PricingModel), Tagline: tagline,
		Buy:     shop.buyBox(*l.ProductID, *l.Name, *l.Purchasable, int(*l.InCart), false, back),
		Picture: first(pictures.FromArrays(l.PictureIds, l.PictureHashes, l.PictureTypes, l.PictureWidths, l.PictureHeights, *l.Name)),
	}
}

// hubFilter is the search form; the company filter offers the companies with visible listings
// (slugs and names, index by index).
func hubFilter(hq hubQuery, slugs, names []string) views.HubFilter {
	f := views.HubFilter{Q: hq.Q, Kind: hq.Kind, Category: hq.Category, Company: hq.Company,
		MinPrice: hq.MinPrice, MaxPrice: hq.MaxPrice, Sort: hq.Sort, Errors: hq.Errors, Set: hq.filtered()}
	f.Kinds = []views.Option{{Value: "", Label: "Any kind"},
		{Value: string(db.ModuleKeySoftware), Label: db.ProductKind(db.ModuleKeySoftware) + "s"},
		{Value: string(db.ModuleKeyHardware), Label: db.ProductKind(db.ModuleKeyHardware) + "s"}}
	f.Categories = append([]views.Option{{Value: "", Label: "Any category"}}, ui.CategoryOptions()...)
	f.Companies = []views.Option{{Value: "", Label: "Any company"}}
	for i, slug := range slugs {
		f.Companies = append(f.Companies, views.Option{Value: slug, Label: names[i]})
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
