package db

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// SessionUser is the signed-in user of a request with what their company may do today.
type SessionUser struct {
	GetSessionUserRow
	// Access is company_access's rows; none for users without a company.
	Access []ListSessionCompanyAccessRow
}

// Batcher sends several queries in one round trip (a pool, a connection or a transaction).
type Batcher interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// LoadSessionUser reads the user id and their company's access on day today. Every signed-in
// request pays for it, so the two queries travel in one batch. pgx.ErrNoRows when there is no
// such user.
func LoadSessionUser(ctx context.Context, db Batcher, id int64, today time.Time) (SessionUser, error) {
	var u SessionUser
	var b Batch
	Queue(&b, &u.GetSessionUserRow, (*Queries).GetSessionUser, id)
	Queue(&b, &u.Access, (*Queries).ListSessionCompanyAccess, ListSessionCompanyAccessParams{ID: id, Today: today})
	if err := b.Send(ctx, db); err != nil {
		return SessionUser{}, err
	}
	return u, nil
}
