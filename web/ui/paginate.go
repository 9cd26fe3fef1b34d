package ui

import (
	"fmt"

	"partnerportal/views"
	"strconv"

	"github.com/labstack/echo/v4"
)

// Paginate builds the page links of a list of total items shown size per page; shown is how
// many the current page holds (0 past the end, where total is unknown).
func Paginate(current, size, total, shown int, href func(int) string) views.Pagination {
	if total == 0 {
		return views.Pagination{}
	}
	pages := (total + size - 1) / size
	first := (current-1)*size + 1
	p := views.Pagination{Summary: fmt.Sprintf("Showing %d–%d of %d", first, first+shown-1, total)}
	if pages <= 1 {
		return p
	}
	if current > 1 {
		p.Prev = href(current - 1)
	}
	if current < pages {
		p.Next = href(current + 1)
	}
	gap := false
	for n := 1; n <= pages; n++ {
		if n == 1 || n == pages || (n >= current-2 && n <= current+2) {
			p.Pages = append(p.Pages, views.PageLink{Label: strconv.Itoa(n), Href: href(n), Current: n == current})
			gap = false
		} else if !gap {
			p.Pages = append(p.Pages, views.PageLink{Gap: true})
			gap = true
		}
	}
	return p
}

// MaxPage is the highest page number a list accepts: a typed number beyond it, multiplied by
// the page size, could overflow the query's offset.
const MaxPage = 10000

// PageNumber is the request's "page" parameter, between 1 and MaxPage (1 when absent or bad).
func PageNumber(c echo.Context) int {
	n, _ := strconv.Atoi(c.QueryParam("page"))
	return min(max(n, 1), MaxPage)
}
