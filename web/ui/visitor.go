package ui

import (
	"context"
	"partnerportal/db"

	"github.com/alexedwards/scs/v2"
)

// SessionCartKey holds a visitor's cart key. scs keeps session data when it renews the token at
// sign-in, so the key is still there for signIn to merge the cart.
const SessionCartKey = "cart_key"

// CanShop reports whether the user may fill a cart: visitors and consumers. Partners and staff
// browse the Hub but do not buy.
func CanShop(u *CurrentUser) bool { return u == nil || u.Role == db.UserRoleConsumer }

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

// CartMerger is what sign-in needs to move a visitor's cart into a consumer's.
type CartMerger interface {
	MergeVisitorCart(ctx context.Context, arg db.MergeVisitorCartParams) error
}

// MergeVisitorCart moves the session's visitor cart into the consumer's cart at sign-in. Users
// who do not shop keep nothing of it: the key leaves the session either way.
func MergeVisitorCart(ctx context.Context, q CartMerger, sm *scs.SessionManager, userID int64, role db.UserRole) error {
	key := sm.PopString(ctx, SessionCartKey)
	if key == "" || role != db.UserRoleConsumer {
		return nil
	}
	return q.MergeVisitorCart(ctx, db.MergeVisitorCartParams{VisitorKey: key, ConsumerID: userID})
}

// WithVisitorCart is LoadVisitorCart when the cart's count is already known (read with the
// session).
func WithVisitorCart(ctx context.Context, key string, count int) context.Context {
	return context.WithValue(ctx, visitorKey{}, &Visitor{CartKey: key, CartCount: count})
}
