package ui

import (
	"context"
	"time"

	"github.com/labstack/echo/v4"
)

// Moment is the time a request lives at: read from the portal's clock once, when the request
// arrives, so every rule and every date on its page agree. Today is the date in the portal's
// time zone (midnight UTC of that date, as PostgreSQL's date type reads it back).
type Moment struct {
	Now   time.Time
	Today time.Time
	Loc   *time.Location
}

// Date is t as a date on a page, in the portal's time zone: "25 Nov 2026".
func (m Moment) Date(t time.Time) string { return LongDate(t.In(m.Loc)) }

type momentKey struct{}

// WithMoment is ctx carrying the request's moment.
func WithMoment(ctx context.Context, m Moment) context.Context {
	return context.WithValue(ctx, momentKey{}, m)
}

// MomentOf is the moment of the request ctx belongs to. A context without one (a background
// job) is a programming error: it would silently evaluate every rule on the wrong day.
func MomentOf(ctx context.Context) Moment {
	m, ok := ctx.Value(momentKey{}).(Moment)
	if !ok {
		panic("ui: context carries no request moment")
	}
	return m
}

// When is the moment of request c.
func When(c echo.Context) Moment { return MomentOf(c.Request().Context()) }
