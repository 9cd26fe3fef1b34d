package ui

import (
	"regexp"
	"strings"
)

// Money is exact: amounts travel as the decimal text PostgreSQL prints for numeric(12,2)
// ("1234.50") and are never parsed into a float.

// PriceInput is what the price field accepts: up to 10 digits, then optionally a point or a
// comma and one or two decimals (numeric(12,2) holds no more).
var PriceInput = regexp.MustCompile(`^[0-9]{1,10}([.,][0-9]{1,2})?$`)

// NormalisePrice turns a valid price input into the text the database takes: "49,9" → "49.90".
func NormalisePrice(s string) string {
	s = strings.Replace(strings.TrimSpace(s), ",", ".", 1)
	whole, frac, _ := strings.Cut(s, ".")
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	return whole + "." + (frac + "00")[:2]
}

var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}

// Money writes an amount in its currency for people: "€1,234.50"; an unknown currency is
// written as its code after the amount.
func Money(amount, currency string) string {
	whole, frac, _ := strings.Cut(amount, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	n := b.String()
	if frac != "" {
		n += "." + frac
	}
	if sym, ok := currencySymbols[currency]; ok {
		return sym + n
	}
	return n + " " + currency
}
