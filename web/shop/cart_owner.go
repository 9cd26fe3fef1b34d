package shop

import (
	"crypto/rand"
	"partnerportal/web/ui"
	"time"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
)

// cartOwner names whose cart a request works on: a consumer's (by user id) or a visitor's (by
// the random key in their session). Both nil: a visitor who has no cart yet.
type cartOwner struct {
	ConsumerID *int64
	VisitorKey *string
}

func (o cartOwner) empty() bool { return o.ConsumerID == nil && o.VisitorKey == nil }

// lines asks for the owner's cart, re-checked on day today.
func (o cartOwner) lines(today time.Time) db.ListCartLinesParams {
	return db.ListCartLinesParams{Today: today, ConsumerID: o.ConsumerID, VisitorKey: o.VisitorKey}
}

// cartOwnerOf is the cart of the request's shopper, empty for a visitor without a cart and for
// users who do not shop.
func cartOwnerOf(c echo.Context) cartOwner {
	ctx := c.Request().Context()
	u := ui.UserFromContext(ctx)
	switch {
	case u != nil && u.Role == db.UserRoleConsumer:
		return cartOwner{ConsumerID: &u.ID}
	case u == nil:
		if v := ui.VisitorFrom(ctx); v != nil {
			return cartOwner{VisitorKey: &v.CartKey}
		}
	}
	return cartOwner{}
}

// ensureCartOwner is cartOwnerOf, giving a visitor a cart key first when they have none.
func ensureCartOwner(c echo.Context) cartOwner {
	o := cartOwnerOf(c)
	if !o.empty() || ui.UserFromContext(c.Request().Context()) != nil {
		return o
	}
	sm := ui.Sessions(c)
	if sm == nil {
		return o
	}
	key := rand.Text()
	sm.Put(c.Request().Context(), ui.SessionCartKey, key)
	return cartOwner{VisitorKey: &key}
}
