package web

import (
	"context"
	"errors"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
	"partnerportal/web/ui"
)

// sessionStore keeps scs's sessions in the sessions table, with their owner (the signed-in
// user, or a visitor's cart key) in columns of their own beside the encoded data. That lets a
// request read its session together with its user, their company's access and the cart count,
// in one round trip (db.LoadRequestSession), where a plain store would take a trip for the
// session and another for the user it names. Each row also says when the session was made and
// last seen, from which browser and address: the account page lists them.
type sessionStore struct {
	pool  *pgxpool.Pool
	codec scs.Codec
	seen  *seenSessions
}

// requestSession is where FindCtx leaves what it read with a request's session; loadSession
// puts one in the context it loads the session with, with what the request says of its
// browser.
type requestSession struct {
	today time.Time
	// now is the request's moment: when the session is seen or saved.
	now       time.Time
	userAgent string
	ip        string
	// token is the one the session was read with.
	token string
	found bool
	db.RequestSession
}

type requestSessionKey struct{}

func requestSessionFrom(ctx context.Context) *requestSession {
	rs, _ := ctx.Value(requestSessionKey{}).(*requestSession)
	return rs
}

// FindCtx reads the session of token; for a request's session, its owner too. Every few
// minutes per session the same round trip notes it as seen (seenSessions), so "last seen"
// costs ordinary pages neither a trip nor, mostly, a write.
func (s *sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	if rs := requestSessionFrom(ctx); rs != nil {
		var seen *time.Time
		if s.seen.due(token, rs.now) {
			seen = &rs.now
		}
		row, err := db.LoadRequestSessionSeen(ctx, s.pool, token, time.Now(), rs.today, seen)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, err
		}
		rs.token, rs.found, rs.RequestSession = token, true, row
		return row.Data, true, nil
	}
	data, err := db.New(s.pool).FindSession(ctx, db.FindSessionParams{Token: token, Now: time.Now()})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	return data, err == nil, err
}

// CommitCtx saves the session with its owner, read from the data scs encoded, and the browser
// it was saved from. The session a request read is only updated: when another browser ended
// it meanwhile ("Sign out" on the account page), saving it must not bring it back.
func (s *sessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, values, err := s.codec.Decode(b)
	if err != nil {
		return err
	}
	arg := db.SaveSessionParams{Token: token, Data: b, Expiry: expiry, Now: time.Now()}
	rs := requestSessionFrom(ctx)
	if rs != nil {
		arg.Now, arg.UserAgent, arg.Ip = rs.now, rs.userAgent, rs.ip
	}
	if id, ok := values[ui.SessionUserID].(int64); ok && id != 0 {
		arg.UserID = &id
	}
	if key, ok := values[ui.SessionCartKey].(string); ok && key != "" {
		arg.CartKey = &key
	}
	s.seen.saw(token, arg.Now)
	if rs != nil && rs.found && rs.token == token {
		_, err := db.New(s.pool).UpdateSession(ctx, db.UpdateSessionParams{Token: token, Data: b, Expiry: expiry,
			UserID: arg.UserID, CartKey: arg.CartKey, Now: arg.Now, UserAgent: arg.UserAgent, Ip: arg.Ip})
		return err
	}
	return db.New(s.pool).SaveSession(ctx, arg)
}

// DeleteCtx removes the session of token.
func (s *sessionStore) DeleteCtx(ctx context.Context, token string) error {
	s.seen.forget(token)
	return db.New(s.pool).DeleteSession(ctx, token)
}

// Find, Commit and Delete are scs.Store's forms without a context; scs calls the Ctx forms.
func (s *sessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s *sessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

func (s *sessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }
