package ui

import (
	"slices"
	"strconv"
	"strings"

	"partnerportal/db"
)

// Totals sums amounts per currency and billing period: a monthly price and a one-time price
// are different promises and are never added into one figure (nor are two currencies).
// Amounts are added as whole cents, exactly; the zero value is ready to use.
type Totals struct {
	parts []totalPart
}

type totalPart struct {
	currency string
	model    db.PricingModel
	cents    int64
}

// Add counts amount ("449.00", as PostgreSQL prints numeric(12,2)) in its currency and period.
func (t *Totals) Add(amount, currency string, model db.PricingModel) {
	cents := centsOf(amount)
	for i := range t.parts {
		if t.parts[i].currency == currency && t.parts[i].model == model {
			t.parts[i].cents += cents
			return
		}
	}
	t.parts = append(t.parts, totalPart{currency: currency, model: model, cents: cents})
}

// Lines are the totals for people, currencies in the order they were first added and, within
// one, what is paid once before what is paid every month: "€449.00 once", "€149.00 / month".
func (t Totals) Lines() []string {
	var out []string
	var seen []string
	for _, p := range t.parts {
		if slices.Contains(seen, p.currency) {
			continue
		}
		seen = append(seen, p.currency)
		for _, model := range []db.PricingModel{db.PricingModelOneTime, db.PricingModelMonthly} {
			for _, q := range t.parts {
				if q.currency == p.currency && q.model == model {
					out = append(out, Money(amountOf(q.cents), q.currency)+" "+TotalPeriod(model))
				}
			}
		}
	}
	return out
}

// TotalPeriod is how a total says its billing period: "once" or "/ month".
func TotalPeriod(m db.PricingModel) string {
	if m == db.PricingModelMonthly {
		return "/ month"
	}
	return "once"
}

// centsOf reads a decimal amount with at most two decimals; numeric(12,2) never holds more.
func centsOf(amount string) int64 {
	whole, frac, _ := strings.Cut(strings.TrimSpace(amount), ".")
	w, _ := strconv.ParseInt(whole, 10, 64)
	f, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	return w*100 + f
}

func amountOf(cents int64) string {
	return strconv.FormatInt(cents/100, 10) + "." + strconv.FormatInt(100+cents%100, 10)[1:]
}
