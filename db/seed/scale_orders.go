package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
)

// scaleOrder is one consumer's checkout; its lines are lines[firstLine : firstLine+nLines].
type scaleOrder struct {
	consumer          int
	placed            time.Time
	firstLine, nLines int
}

// scaleLine is one order line, placed, and so one purchase.
type scaleLine struct {
	product  int
	quantity int32
}

// planOrders places orders of one to four listed products each until there are exactly as
// many lines (and purchases) as the scale asks for, over the last 180 days.
func (p *scalePlan) planOrders() {
	r := p.rnd
	var listed []int
	for i, pi := range p.listings {
		if i%20 != 0 {
			listed = append(listed, pi)
		}
	}
	if len(listed) == 0 {
		return
	}
	firstConsumer := p.size.admins + p.size.managers
	for len(p.lines) < p.size.purchases {
		o := scaleOrder{
			consumer:  firstConsumer + r.IntN(p.size.consumers),
			placed:    p.notAfterNow(p.day(-r.IntN(180), 7+r.IntN(15)).Add(time.Duration(r.IntN(3600)) * time.Second)),
			firstLine: len(p.lines),
		}
		n := min(1+r.IntN(4), p.size.purchases-len(p.lines), len(listed))
		seen := map[int]bool{}
		for len(seen) < n {
			pi := pick(r, listed)
			if seen[pi] {
				continue
			}
			seen[pi] = true
			q := int32(1)
			if p.products[pi].module == db.ModuleKeyHardware {
				q = int32(1 + r.IntN(20))
			}
			p.lines = append(p.lines, scaleLine{pi, q})
		}
		o.nLines = n
		p.orders = append(p.orders, o)
	}
}

// copyOrders writes the orders.
func (p *scalePlan) copyOrders(ctx context.Context, pool *pgxpool.Pool) error {
	err := copyRows(ctx, pool, "orders", []string{"id", "consumer_id", "checkout_token", "placed_at"}, len(p.orders),
		func(i int, v []any) {
			o := p.orders[i]
			v[0], v[1], v[2], v[3] = p.ids.orders+int64(i), p.ids.users+int64(o.consumer), fmt.Sprintf("scale-checkout-%012d", i+1), o.placed
		})
	return err
}

// copyOrderLines writes the orders' lines and a purchase per line.
func (p *scalePlan) copyOrderLines(ctx context.Context, pool *pgxpool.Pool) error {
	order := make([]int, len(p.lines))
	for oi, o := range p.orders {
		for k := range o.nLines {
			order[o.firstLine+k] = oi
		}
	}
	err := copyRows(ctx, pool, "order_lines", []string{"id", "order_id", "product_id", "product_name", "company_name", "quantity",
		"unit_price", "currency", "pricing_model", "status"}, len(p.lines),
		func(i int, v []any) {
			l := p.lines[i]
			pr := p.products[l.product]
			v[0], v[1], v[2], v[3], v[4] = p.ids.lines+int64(i), p.ids.orders+int64(order[i]), p.ids.products+int64(l.product), pr.name, p.companies[pr.company].name
			v[5], v[6], v[7], v[8], v[9] = l.quantity, price(pr.cents), pr.currency, string(pr.pricing), string(db.OrderLineStatusPlaced)
		})
	if err != nil {
		return err
	}
	return copyRows(ctx, pool, "purchases", []string{"id", "consumer_id", "product_id", "purchased_at", "price", "currency",
		"pricing_model", "quantity", "order_line_id"}, len(p.lines),
		func(i int, v []any) {
			l := p.lines[i]
			pr := p.products[l.product]
			o := p.orders[order[i]]
			v[0], v[1], v[2], v[3], v[4] = p.ids.purchases+int64(i), p.ids.users+int64(o.consumer), p.ids.products+int64(l.product), o.placed, price(pr.cents)
			v[5], v[6], v[7], v[8] = pr.currency, string(pr.pricing), l.quantity, p.ids.lines+int64(i)
		})
}
