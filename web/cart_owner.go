package web

import (
	"context"
	"crypto/rand"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
)

// SessionCartKey holds a visitor's cart key. scs keeps session data when it renews the token at
// sign-in, so the key is still there for signIn to merge the cart.
const SessionCartKey = "cart_key"

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

// CanShop reports whether the user may fill a cart: visitors and consumers. Partners and staff
// browse the Hub but do not buy.
func CanShop(u *CurrentUser) bool { return u == nil || u.Role == db.UserRoleConsumer }

// cartOwnerOf is the cart of the request's shopper, empty for a visitor without a cart and for
// users who do not shop.
func cartOwnerOf(c echo.Context) cartOwner {
	ctx := c.Request().Context()
	u := UserFromContext(ctx)
	switch {
	case u != nil && u.Role == db.UserRoleConsumer:
		return cartOwner{ConsumerID: &u.ID}
	case u == nil:
		if v := VisitorFrom(ctx); v != nil {
			return cartOwner{VisitorKey: &v.CartKey}
		}
	}
	return cartOwner{}
}

// ensureCartOwner is cartOwnerOf, giving a visitor a cart key first when they have none.
func ensureCartOwner(c echo.Context) cartOwner {
	o := cartOwnerOf(c)
	if !o.empty() || UserFromContext(c.Request().Context()) != nil {
		return o
	}
	sm := Sessions(c)
	if sm == nil {
		return o
	}
	key := rand.Text()
	sm.Put(c.Request().Context(), SessionCartKey, key)
	return cartOwner{VisitorKey: &key}
}

// Visitor is what the request knows of a Visitor's cart: its key and its number of items.
type Visitor struct {
	CartKey   string
	CartCount int
}

type visitorKey struct{}

func VisitorFrom(ctx context.Context) *Visitor {
	v, _ := ctx.Value(visitorKey{}).(*Visitor)
	return v
}

// LoadVisitorCart counts a visitor's cart for the header, only when their session holds a cart.
func LoadVisitorCart(ctx context.Context, q *db.Queries, sm *scs.SessionManager) (context.Context, error) {
	key := sm.GetString(ctx, SessionCartKey)
	if key == "" {
		return ctx, nil
	}
	n, err := q.CountCartItems(ctx, db.CountCartItemsParams{VisitorKey: &key})
	if err != nil {
		return ctx, err
	}
	return context.WithValue(ctx, visitorKey{}, &Visitor{CartKey: key, CartCount: int(n)}), nil
}

// cartMerger is what sign-in needs to move a visitor's cart into a consumer's.
type cartMerger interface {
	MergeVisitorCart(ctx context.Context, arg db.MergeVisitorCartParams) error
}

// MergeVisitorCart moves the session's visitor cart into the consumer's cart at sign-in. Users
// who do not shop keep nothing of it: the key leaves the session either way.
func MergeVisitorCart(ctx context.Context, q cartMerger, sm *scs.SessionManager, userID int64, role db.UserRole) error {
	key := sm.PopString(ctx, SessionCartKey)
	if key == "" || role != db.UserRoleConsumer {
		return nil
	}
	return q.MergeVisitorCart(ctx, db.MergeVisitorCartParams{VisitorKey: key, ConsumerID: userID})
}
