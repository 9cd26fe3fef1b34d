package partner

import (
	"net/url"
	"partnerportal/web/ui"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

const productsPageSize = 20

// productQuery is the list's search, filters, sort and page, read from the URL. Values that
// are not one of the choices are ignored, so an edited URL shows a list rather than an error.
type productQuery struct {
	Q, Kind, Env, Status, Category, Sort string
	Page                                 int
}

// productSorts are the orders the list's headers offer; the first is the default.
var productSorts = []string{"-updated", "updated", "name", "-name", "price", "-price"}

func readProductQuery(c echo.Context) productQuery {
	oneOf := func(v string, ok bool) string {
		if ok {
			return v
		}
		return ""
	}
	q := productQuery{Q: strings.TrimSpace(c.QueryParam("q"))}
	q.Kind = c.QueryParam("kind")
	q.Kind = oneOf(q.Kind, q.Kind == string(db.ModuleKeySoftware) || q.Kind == string(db.ModuleKeyHardware))
	q.Env = oneOf(c.QueryParam("environment"), db.Environment(c.QueryParam("environment")).Valid())
	q.Status = c.QueryParam("status")
	q.Status = oneOf(q.Status, q.Status == "archived" || db.ProductStatus(q.Status).Valid())
	q.Category = oneOf(c.QueryParam("category"), db.ProductCategory(c.QueryParam("category")).Valid())
	q.Sort = productSorts[0]
	if s := c.QueryParam("sort"); slices.Contains(productSorts, s) {
		q.Sort = s
	}
	q.Page = ui.PageNumber(c)
	return q
}

// url is the list with q's parameters, changed by set (a key set to "" is dropped); the
// default sort and page 1 stay out of the URL.
func (q productQuery) url(set ...string) string {
	v := url.Values{}
	for k, s := range map[string]string{"q": q.Q, "kind": q.Kind, "environment": q.Env, "status": q.Status,
		"category": q.Category, "sort": q.Sort, "page": strconv.Itoa(q.Page)} {
		v.Set(k, s)
	}
	for i := 0; i+1 < len(set); i += 2 {
		v.Set(set[i], set[i+1])
	}
	for k := range v {
		if v.Get(k) == "" || (k == "sort" && v.Get(k) == productSorts[0]) || (k == "page" && v.Get(k) == "1") {
			v.Del(k)
		}
	}
	if len(v) == 0 {
		return "/products"
	}
	return "/products?" + v.Encode()
}

func (q productQuery) filtered() bool {
	return q.Q != "" || q.Kind != "" || q.Env != "" || q.Status != "" || q.Category != ""
}

// params is the query for the page, limited to the plans the company may see.
func (q productQuery) params(companyID int64, a ui.Access) db.ListCompanyProductsParams {
	p := db.ListCompanyProductsParams{CompanyID: companyID, Plans: []string{}, Sort: q.Sort,
		PageSize: productsPageSize, PageOffset: int32((q.Page - 1) * productsPageSize)}
	for _, pl := range productPlans {
		if a.Plan(pl.Module, pl.Env).State.CanView() {
			p.Plans = append(p.Plans, pl.key())
		}
	}
	if q.Q != "" {
		pattern := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q.Q) + "%"
		p.Pattern = &pattern
	}
	if q.Kind != "" {
		m := db.ModuleKey(q.Kind)
		p.Module = &m
	}
	if q.Env != "" {
		e := db.Environment(q.Env)
		p.Environment = &e
	}
	if q.Status == "archived" {
		p.Archived = true
	} else if q.Status != "" {
		s := db.ProductStatus(q.Status)
		p.Status = &s
	}
	if q.Category != "" {
		cat := db.ProductCategory(q.Category)
		p.Category = &cat
	}
	return p
}

// HandleProducts is My Products: the company's products in the plans it may see, searched,
// filtered, sorted and paged by the URL.
func HandleProducts(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u := ui.UserFromContext(c.Request().Context())
		pq := readProductQuery(c)
		rows, err := q.ListCompanyProducts(c.Request().Context(), pq.params(*u.CompanyID, u.Access))
		if err != nil {
			return err
		}
		page := views.ProductsPage{
			Plans:     planChips(u.Access),
			Banner:    readOnlyPlansBanner(u.Access),
			CanCreate: len(usablePlans(u.Access)) > 0,
			Filter:    productFilter(pq),
			Columns:   productColumns(pq),
		}
		for _, r := range rows {
			page.Rows = append(page.Rows, productRow(r, u.Access))
		}
		total := 0
		if len(rows) > 0 {
			total = int(rows[0].Total)
		}
		page.Pagination = ui.Paginate(pq.Page, productsPageSize, total, len(rows), func(n int) string { return pq.url("page", strconv.Itoa(n)) })
		if len(rows) == 0 {
			page.Empty = productsEmpty(pq, page.CanCreate)
		}
		return ui.OK(c, "My Products", views.ProductsView(page))
	}
}

func productRow(r db.ListCompanyProductsRow, a ui.Access) views.ProductRow {
	row := views.ProductRow{
		Href:        "/products/" + ui.Itoa(r.ID),
		Name:        r.Name,
		Summary:     r.Summary,
		Kind:        kindShort(r.Module),
		Environment: r.Environment.Label(),
		Category:    r.Category.Label(),
		Price:       ui.Money(r.Price, r.Currency),
		Period:      ui.PricePeriod(r.PricingModel),
		Status:      productBadge(r.Status, r.ArchivedAt != nil),
		ReadOnly:    a.Plan(r.Module, r.Environment).State.ReadOnly(),
		Updated:     ui.LongDate(r.UpdatedAt),
	}
	return row
}

// productsEmpty says why the list is empty and what to do next.
func productsEmpty(q productQuery, canCreate bool) views.EmptyState {
	switch {
	case q.Page > 1:
		return views.EmptyState{Text: "There are no products on this page.", ActionLabel: "Go to the first page", ActionHref: q.url("page", "1")}
	case q.filtered():
		return views.EmptyState{Text: "No products match these filters.", ActionLabel: "Clear filters", ActionHref: "/products"}
	case canCreate:
		return views.EmptyState{Text: "You have no products yet. Add your first software solution or hardware device; it starts as a draft only you can see.",
			ActionLabel: "Add a product", ActionHref: "/products/new"}
	}
	return views.EmptyState{Text: "You have no products, and none of your plans can take new ones right now. Request a renewal on My Services to add products again.",
		ActionLabel: "Go to My Services", ActionHref: "/services"}
}

func productFilter(q productQuery) views.ProductFilter {
	f := views.ProductFilter{Q: q.Q, Kind: q.Kind, Environment: q.Env, Status: q.Status, Category: q.Category, Set: q.filtered()}
	if q.Sort != productSorts[0] {
		f.Sort = q.Sort
	}
	f.Kinds = []views.Option{{Value: "", Label: "Any kind"},
		{Value: string(db.ModuleKeySoftware), Label: db.ProductKind(db.ModuleKeySoftware) + "s"},
		{Value: string(db.ModuleKeyHardware), Label: db.ProductKind(db.ModuleKeyHardware) + "s"}}
	f.Envs = []views.Option{{Value: "", Label: "Any environment"}}
	for _, e := range db.AllEnvironmentValues() {
		f.Envs = append(f.Envs, views.Option{Value: string(e), Label: e.Label()})
	}
	f.Statuses = []views.Option{{Value: "", Label: "Draft or published"}}
	for _, s := range db.AllProductStatusValues() {
		f.Statuses = append(f.Statuses, views.Option{Value: string(s), Label: s.Label()})
	}
	f.Statuses = append(f.Statuses, views.Option{Value: "archived", Label: "Archived"})
	f.Categories = append([]views.Option{{Value: "", Label: "Any category"}}, ui.CategoryOptions()...)
	return f
}

// productColumns are the list's headers; Name, Price and Changed sort it.
func productColumns(q productQuery) []views.SortColumn {
	sortable := func(label, key string, num bool) views.SortColumn {
		col := views.SortColumn{Label: label, Num: num, Sort: "none", Href: q.url("sort", key, "page", "1")}
		switch q.Sort {
		case key:
			col.Sort, col.Href = "ascending", q.url("sort", "-"+key, "page", "1")
		case "-" + key:
			col.Sort = "descending"
		}
		return col
	}
	return []views.SortColumn{
		sortable("Name", "name", false),
		{Label: "Kind"},
		{Label: "Category"},
		sortable("Price", "price", true),
		{Label: "Status"},
		sortable("Changed", "updated", true),
	}
}

// kindShort is the kind in a table cell: "Software" or "Hardware".
func kindShort(m db.ModuleKey) string {
	if m == db.ModuleKeyHardware {
		return "Hardware"
	}
	return "Software"
}

// productBadge is a product's status as icon and word.
func productBadge(s db.ProductStatus, archived bool) views.Badge {
	switch {
	case archived:
		return views.Badge{Tone: "inactive", Icon: "▣", Label: "Archived"}
	case s == db.ProductStatusPublished:
		return views.Badge{Tone: "active", Icon: "●", Label: s.Label()}
	}
	return views.Badge{Tone: "none", Icon: "✎", Label: s.Label()}
}
