package db

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// RequestSession is a request's session with its signed-in user and what their company may do
// today.
type RequestSession struct {
	GetRequestSessionRow
	// Access is company_access's rows; none for visitors and users without a company.
	Access []ListRequestSessionAccessRow
}

// Batcher sends several queries in one round trip (a pool, a connection or a transaction).
type Batcher interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// LoadRequestSession reads the session of token, unexpired at now, with its user and their
// company's access on day today. Every request with a session pays for it, so the two queries
// travel in one batch. pgx.ErrNoRows when there is no such session.
func LoadRequestSession(ctx context.Context, db Batcher, token string, now, today time.Time) (RequestSession, error) {
	return LoadRequestSessionSeen(ctx, db, token, now, today, nil)
}

// LoadRequestSessionSeen is LoadRequestSession that, when seen is not nil, also notes the
// session as last seen then (TouchSession), in the same round trip.
func LoadRequestSessionSeen(ctx context.Context, db Batcher, token string, now, today time.Time, seen *time.Time) (RequestSession, error) {
	var s RequestSession
	var b Batch
	Queue(&b, &s.GetRequestSessionRow, (*Queries).GetRequestSession, GetRequestSessionParams{Token: token, Now: now})
	Queue(&b, &s.Access, (*Queries).ListRequestSessionAccess, ListRequestSessionAccessParams{Token: token, Now: now, Today: today})
	var touched int64
	if seen != nil {
		Queue(&b, &touched, (*Queries).TouchSession, TouchSessionParams{Token: token, Now: *seen})
	}
	if err := b.Send(ctx, db); err != nil {
		return RequestSession{}, err
	}
	return s, nil
}
