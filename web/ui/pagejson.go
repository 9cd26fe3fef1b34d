package ui

import (
	"encoding/json"
	"fmt"
)

// DecodeJSON reads the jsonb columns of a page query, given as pairs of raw JSON and a
// destination: pages that show several lists get them from one round trip this way.
func DecodeJSON(pairs ...any) error {
	if len(pairs)%2 != 0 {
		return fmt.Errorf("decodeJSON: %d arguments, want pairs", len(pairs))
	}
	for i := 0; i < len(pairs); i += 2 {
		raw, ok := pairs[i].([]byte)
		if !ok {
			return fmt.Errorf("decodeJSON: argument %d is %T, want []byte", i, pairs[i])
		}
		if len(raw) == 0 {
			continue
		}
		if err := json.Unmarshal(raw, pairs[i+1]); err != nil {
			return fmt.Errorf("decode page data: %w", err)
		}
	}
	return nil
}
