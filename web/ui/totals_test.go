package ui

import (
	"slices"
	"testing"

	"partnerportal/db"
)

func TestTotalsKeepPeriodsAndCurrenciesApart(t *testing.T) {
	type add struct {
		amount, currency string
		model            db.PricingModel
	}
	tests := []struct {
		name string
		adds []add
		want []string
	}{
		{"one monthly and one one-time price", []add{{"149.00", "EUR", db.PricingModelMonthly}, {"449.00", "EUR", db.PricingModelOneTime}},
			[]string{"€449.00 once", "€149.00 / month"}},
		{"same period adds up exactly", []add{{"0.10", "EUR", db.PricingModelOneTime}, {"0.20", "EUR", db.PricingModelOneTime}, {"1234.05", "EUR", db.PricingModelOneTime}},
			[]string{"€1,234.35 once"}},
		{"currencies in the order first seen", []add{{"10.00", "USD", db.PricingModelMonthly}, {"5.00", "EUR", db.PricingModelOneTime}, {"1.50", "USD", db.PricingModelOneTime}},
			[]string{"$1.50 once", "$10.00 / month", "€5.00 once"}},
		{"nothing", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tot Totals
			for _, a := range tt.adds {
				tot.Add(a.amount, a.currency, a.model)
			}
			if got := tot.Lines(); !slices.Equal(got, tt.want) {
				t.Errorf("Lines() = %q, want %q", got, tt.want)
			}
		})
	}
}
