// Package migrations holds the schema, one goose migration per file, in order. sqlc reads the
// same files as the schema, and the binary embeds them so `portal migrate` needs nothing else.
package migrations

import "embed"

// FS holds every migration file.
//
//go:embed *.sql
var FS embed.FS
