package shop_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/jackc/pgx/v5"

	"partnerportal/web/webtest"
)

// TestCheckoutRacesADeactivation: many consumers check out Company B and Company C products,
// round after round, while an account manager sets Company B's Solutions Hub inactive the way
// the admin action does (its own transaction: UPDATE … status = 'inactive', version + 1).
// Every order line placed for Company B must have been purchasable when its order committed:
// its order committed before the deactivation did. Order ids are taken inside checkout's
// transaction after its locks, and the deactivation takes one from the same sequence once its
// update holds the row, so "before" is "smaller id".
func TestCheckoutRacesADeactivation(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.BehindProxy)
	ctx := context.Background()
	env.SetModuleState(t, env.CompanyID(t, "Company C"), "solutions_hub", "active")
	retail := env.ProductID(t, "Company B", "retailflow-footfall")
	airq := env.ProductID(t, "Company C", "airq-indoor-sensor")
	const consumers, rounds = 12, 5

	clients := make([]*webtest.Client, consumers)
	for i := range clients {
		c := env.Client(t)
		c.Header.Set("X-Forwarded-For", fmt.Sprintf("192.0.2.%d", i+1)) // sign-ups from one address are throttled
		r := c.SignUp(t, fmt.Sprintf("Racer %d", i), fmt.Sprintf("racer%d@example.com", i), "a long enough password", "")
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-up %d: %d", i, r.StatusCode)
		}
		clients[i] = c
	}

	var marker int64
	deactivated := make(chan struct{})
	go func() {
		defer close(deactivated)
		// once a third of the orders are in, with the rest still to come
		for {
			var n int
			if err := env.Pool.QueryRow(ctx, `SELECT count(*) FROM orders o JOIN users u ON u.id = o.consumer_id
				WHERE u.email LIKE 'racer%'`).Scan(&n); err != nil {
				t.Error(err)
				return
			}
			if n >= consumers*rounds/3 {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		err := pgx.BeginFunc(ctx, env.Pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `UPDATE services s SET status = 'inactive', version = version + 1
				FROM partner_companies c WHERE s.company_id = c.id AND c.name = 'Company B' AND s.module = 'solutions_hub'`); err != nil {
				return err
			}
			return tx.QueryRow(ctx, "SELECT nextval(pg_get_serial_sequence('orders', 'id'))").Scan(&marker)
		})
		if err != nil {
			t.Error(err)
		}
	}()

	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range rounds {
				for _, p := range []int64{retail, airq} {
					// after the deactivation, adding a Company B product is refused: a redirect too
					if r := c.PostForm(t, "/cart/items", url.Values{"product_id": {webtest.Itoa(p)}, "quantity": {"1"}}); r.StatusCode != http.StatusSeeOther {
						t.Errorf("racer %d round %d: add %d: %d", i, round, p, r.StatusCode)
						return
					}
				}
				review := c.Get(t, "/checkout")
				form := url.Values{}
				review.Doc.Find(`form[action="/checkout"] input[type=hidden]`).Each(func(_ int, s *goquery.Selection) {
					form.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
				})
				placed := c.PostForm(t, "/checkout", form)
				if placed.StatusCode != http.StatusSeeOther || !strings.HasPrefix(placed.Header.Get("Location"), "/orders/") {
					t.Errorf("racer %d round %d: place: %d to %q", i, round, placed.StatusCode, placed.Header.Get("Location"))
					return
				}
			}
		}()
	}
	wg.Wait()
	<-deactivated
	if t.Failed() {
		return
	}

	rows, err := env.Pool.Query(ctx, `SELECT o.id, c.name, l.status::text FROM orders o
		JOIN users u ON u.id = o.consumer_id JOIN order_lines l ON l.order_id = o.id
		JOIN products p ON p.id = l.product_id JOIN partner_companies c ON c.id = p.company_id
		WHERE u.email LIKE 'racer%'`)
	if err != nil {
		t.Fatal(err)
	}
	var bBefore, bRefusedAfter, ordersAfter, cPlaced int
	for rows.Next() {
		var order int64
		var company, status string
		if err := rows.Scan(&order, &company, &status); err != nil {
			t.Fatal(err)
		}
		switch {
		case company == "Company C" && status == "placed":
			cPlaced++
			if order > marker {
				ordersAfter++
			}
		case company == "Company B" && status == "placed":
			bBefore++
			if order > marker {
				t.Errorf("order %d placed a Company B line after the deactivation (%d) committed", order, marker)
			}
		case company == "Company B":
			bRefusedAfter++
			if order < marker {
				t.Errorf("order %d refused a Company B line though it committed before the deactivation (%d)", order, marker)
			}
		default:
			t.Errorf("order %d: a Company C line was %s", order, status)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if cPlaced != consumers*rounds || bBefore == 0 || ordersAfter == 0 {
		t.Errorf("%d orders (want %d), %d Company B lines placed before the deactivation, %d orders after it: the race did not happen",
			cPlaced, consumers*rounds, bBefore, ordersAfter)
	}
	t.Logf("%d orders; Company B lines: %d placed before the deactivation, %d refused after it (the rest left out at review)",
		cPlaced, bBefore, bRefusedAfter)
}
