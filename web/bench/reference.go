package bench

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/views"
)

// ReferencePath is where the reference page is served while the benchmark runs.
const ReferencePath = "/bench/fortunes"

// fortunes are the test's twelve rows; one of them must come out escaped.
var fortunes = []string{
	"fortune: No such file or directory",
	"A computer scientist is someone who fixes things that aren't broken.",
	"After enough decimal places, nobody gives a damn.",
	"A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1",
	"A computer program does what you tell it to do, not what you want it to do.",
	"Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen",
	"Any program that runs right is obsolete.",
	"A list is only as strong as its weakest link. — Donald Knuth",
	"Feature: A bug with seniority.",
	"Computers make very fast, very accurate mistakes.",
	`<script>alert("This should not be displayed in a browser alert box.");</script>`,
	"フレームワークのベンチマーク",
}

// createFortunes makes the reference's table in the benchmark's own database.
func createFortunes(ctx context.Context, pool *pgxpool.Pool) error {
	if _, err := pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS fortune (id integer PRIMARY KEY, message text NOT NULL)`); err != nil {
		return fmt.Errorf("create the reference table: %w", err)
	}
	for i, m := range fortunes {
		if _, err := pool.Exec(ctx, `INSERT INTO fortune (id, message) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, i+1, m); err != nil {
			return fmt.Errorf("fill the reference table: %w", err)
		}
	}
	return nil
}

// handleFortunes is the reference: one query, one row added at request time, a sort by message
// and the template.
func handleFortunes(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		rows, err := pool.Query(c.Request().Context(), `SELECT id, message FROM fortune`)
		if err != nil {
			return err
		}
		list := make([]views.Fortune, 0, 16)
		for rows.Next() {
			var f views.Fortune
			if err := rows.Scan(&f.ID, &f.Message); err != nil {
				rows.Close()
				return err
			}
			list = append(list, f)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		list = append(list, views.Fortune{Message: "Additional fortune added at request time."})
		slices.SortFunc(list, func(a, b views.Fortune) int { return strings.Compare(a.Message, b.Message) })
		c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
		c.Response().WriteHeader(http.StatusOK)
		return views.Fortunes(list).Render(c.Request().Context(), c.Response())
	}
}
