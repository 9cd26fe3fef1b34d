package db

import (
	"context"
	"errors"
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

// LoadSessionUser reads the user id and their company's access on day today in one round
// trip: every signed-in request pays for it, so it is one batch of GetSessionUser and
// ListSessionCompanyAccess. Rows are read by position into the generated row types, whose
// fields sqlc writes in the order of the queries' columns. pgx.ErrNoRows when there is no such
// user.
func LoadSessionUser(ctx context.Context, db Batcher, id int64, today time.Time) (SessionUser, error) {
	var u SessionUser
	b := &pgx.Batch{}
	b.Queue(getSessionUser, id).Query(func(rows pgx.Rows) error {
		var err error
		u.GetSessionUserRow, err = pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[GetSessionUserRow])
		return err
	})
	b.Queue(listSessionCompanyAccess, today, id).Query(func(rows pgx.Rows) error {
		var err error
		u.Access, err = pgx.CollectRows(rows, pgx.RowToStructByPos[ListSessionCompanyAccessRow])
		return err
	})
	err := db.SendBatch(ctx, b).Close()
	if errors.Is(err, pgx.ErrNoRows) {
		return SessionUser{}, pgx.ErrNoRows
	}
	return u, err
}
