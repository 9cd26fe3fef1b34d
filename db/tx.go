package db

import "github.com/jackc/pgx/v5"

// Tx is the transaction q runs in, or nil when q runs on a pool or a connection. Background
// jobs are inserted with it, so they commit or roll back with the change that causes them.
func (q *Queries) Tx() pgx.Tx {
	tx, _ := q.db.(pgx.Tx)
	return tx
}
