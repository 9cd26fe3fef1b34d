package web

import "testing"

func TestIsWrite(t *testing.T) {
	tests := []struct {
		sql  string
		want bool
	}{
		{"-- name: GetUser :one\nSELECT * FROM users", false},
		{"-- name: CreateUser :one\n-- with a comment\nINSERT INTO users VALUES (1)", true},
		{"  update services set status = 'inactive'", true},
		{"DELETE FROM sessions", true},
		{"WITH x AS (SELECT 1) SELECT * FROM x", false},
		{"WITH s AS (INSERT INTO services DEFAULT VALUES RETURNING id) SELECT id FROM s", true},
		{"-- only a comment", false},
	}
	for _, tt := range tests {
		if got := isWrite(tt.sql); got != tt.want {
			t.Errorf("isWrite(%q) = %v, want %v", tt.sql, got, tt.want)
		}
	}
}
