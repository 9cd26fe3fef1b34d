package api_test

import (
	"context"
	"testing"

	"partnerportal/web/webtest"
)

// num reads a JSON number field as int64 (-1 when null or missing).
func num(m map[string]any, field string) int64 {
	f, ok := m[field].(float64)
	if !ok {
		return -1
	}
	return int64(f)
}

func str(m map[string]any, field string) string {
	s, _ := m[field].(string)
	return s
}

func setMessagesUsed(t testing.TB, env *webtest.Env, termID, used int64) {
	t.Helper()
	if _, err := env.Pool.Exec(context.Background(), "UPDATE service_terms SET messages_used = $2 WHERE id = $1", termID, used); err != nil {
		t.Fatal(err)
	}
}
