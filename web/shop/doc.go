// Package shop holds the Solutions Hub as visitors and consumers see it: the catalogue and a
// listing, the cart of a visitor or a consumer, checkout, orders and purchases.
package shop
