package db_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sqlFile is a migration or a query file, read from the folders sqlc and goose read.
type sqlFile struct {
	path, text string
}

func readSQLFiles(t *testing.T) []sqlFile {
	t.Helper()
	var files []sqlFile
	for _, dir := range []string{"migrations", "../queries"} {
		names, err := filepath.Glob(filepath.Join(dir, "*.sql"))
		if err != nil {
			t.Fatal(err)
		}
		if len(names) == 0 {
			t.Fatalf("no .sql files in %s", dir)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, sqlFile{filepath.ToSlash(name), string(b)})
		}
	}
	return files
}

// statements splits a file into its statements the way goose does: a StatementBegin/End
// block is one statement, and elsewhere a statement ends with a line that ends in ";". Each
// statement keeps its comments.
func statements(text string) []string {
	var out []string
	var cur strings.Builder
	inBlock := false
	flush := func() {
		if strings.TrimSpace(cur.String()) != "" {
			out = append(out, cur.String())
		}
		cur.Reset()
	}
	for line := range strings.Lines(text) {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "-- +goose StatementBegin"):
			flush()
			inBlock = true
			continue
		case strings.HasPrefix(trimmed, "-- +goose StatementEnd"):
			flush()
			inBlock = false
			continue
		}
		cur.WriteString(line)
		if !inBlock && strings.HasSuffix(trimmed, ";") && !strings.HasPrefix(trimmed, "--") {
			flush()
		}
	}
	flush()
	return out
}

// definitionRE finds what a statement creates or drops, past its leading comments.
var definitionRE = regexp.MustCompile(`(?is)^(?:\s*--[^\n]*\n)*\s*(CREATE|DROP)\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+"?(\w+)"?\s*\(`)

// definition is "CREATE name" or "DROP name" for a statement that creates or drops a
// function, else "".
func definition(stmt string) string {
	m := definitionRE.FindStringSubmatch(stmt)
	if m == nil {
		return ""
	}
	return strings.ToUpper(m[1]) + " " + strings.ToLower(m[2])
}

// TestServiceStateIsCalledOnlyByTheSingleSource holds the rule's inputs to one place. The
// nine arguments of service_state are positional and several share a type, so two of them
// swapped would run and give wrong states without an error: term_state (00002) is the one
// statement that passes them, taken by name from a term's row. Everything else reads states
// from service_states; only record_usage's conditional UPDATE asks term_state itself, about
// the row it updates. Literal lists of states are the other way a second rule creeps in:
// state_can_use and state_read_only are the only ones. Comments count too, so the search
// stays a plain grep.
func TestServiceStateIsCalledOnlyByTheSingleSource(t *testing.T) {
	const rule = "db/migrations/00002_services.sql"
	tests := []struct {
		what, instead string
		re            *regexp.Regexp
		allowed       map[string]bool // "file: CREATE name" of the statements that may contain it
		needed        []string        // of those, the ones that must
	}{
		{
			what:    "a call of service_state",
			instead: "read states, current terms and figures from service_states (" + rule + ")",
			re:      regexp.MustCompile(`(?i)\bservice_state"?\s*\(`),
			allowed: map[string]bool{
				"migrations/00002_services.sql: CREATE service_state": true,
				"migrations/00002_services.sql: DROP service_state":   true,
				"migrations/00002_services.sql: CREATE term_state":    true,
			},
			needed: []string{"migrations/00002_services.sql: CREATE term_state"},
		},
		{
			what:    "a call of term_state",
			instead: "read states from service_states (" + rule + "): term_state is for the row an UPDATE locks",
			re:      regexp.MustCompile(`(?i)\bterm_state"?\s*\(`),
			allowed: map[string]bool{
				"migrations/00002_services.sql: CREATE term_state":       true,
				"migrations/00002_services.sql: DROP term_state":         true,
				"migrations/00002_services.sql: CREATE service_states":   true,
				"migrations/00022_record_usage.sql: CREATE record_usage": true,
				// record_usage storing each report once (and that undone)
				"migrations/00038_usage_reports_once.sql: CREATE record_usage": true,
				// service_states as it was: the same rule, its current term found by index
				"migrations/00032_fast_states.sql: CREATE service_states": true,
				// and as it stands, its current term found by the term's window (and that undone)
				"migrations/00036_term_windows.sql: CREATE service_states": true,
			},
			needed: []string{"migrations/00036_term_windows.sql: CREATE service_states",
				"migrations/00038_usage_reports_once.sql: CREATE record_usage"},
		},
		{
			what:    "a literal list of states",
			instead: "classify states with state_can_use, state_can_view or state_read_only (" + rule + ")",
			re:      regexp.MustCompile(`(?i)\bIN\s*\(\s*'(none|inactive|scheduled|active|grace|expired|exhausted)'`),
			allowed: map[string]bool{
				"migrations/00002_services.sql: CREATE state_can_use":   true,
				"migrations/00002_services.sql: CREATE state_read_only": true,
			},
			needed: []string{"migrations/00002_services.sql: CREATE state_can_use",
				"migrations/00002_services.sql: CREATE state_read_only"},
		},
	}
	files := readSQLFiles(t)
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			found := map[string]bool{}
			for _, f := range files {
				for _, stmt := range statements(f.text) {
					if !tt.re.MatchString(stmt) {
						continue
					}
					where := strings.TrimPrefix(f.path, "../") + ": " + definition(stmt)
					found[where] = true
					if !tt.allowed[where] {
						at := strings.Index(f.text, stmt) + tt.re.FindStringIndex(stmt)[0]
						t.Errorf("%s at %s:%d: %s", tt.what, f.path, strings.Count(f.text[:at], "\n")+1, tt.instead)
					}
				}
			}
			for _, where := range tt.needed {
				if !found[where] {
					t.Errorf("no %s in %s: the single source moved, update this test with it", tt.what, where)
				}
			}
		})
	}
}
