package devicedesign_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"partnerportal/web/devicedesign"
)

func TestCompareListsWhatChanged(t *testing.T) {
	t.Parallel()
	a, b := coldRoom(), coldRoom()
	b.Protocol = "http"
	b.Attributes[0].Maximum = num(60)
	b.Attributes = append(b.Attributes[:2], b.Attributes[3:]...) // door_open removed
	b.Attributes[4].Attributes = append(b.Attributes[4].Attributes, devicedesign.Attribute{Name: "co2", Type: "integer"})
	b.Commands[0], b.Commands[1] = b.Commands[1], b.Commands[0]
	b.Flows = b.Flows[:1]
	b.Flows[0].Condition.Value = json.RawMessage("10")
	got := devicedesign.Compare(a, b)
	want := []devicedesign.Change{
		{Section: "Design", Name: "Cold room sensor", Kind: "changed", Details: []string{"protocol: MQTT → HTTP"}},
		{Section: "Attributes", Name: "temperature", Kind: "changed", Details: []string{"maximum: 85 → 60"}},
		{Section: "Attributes", Name: "env.co2", Kind: "added"},
		{Section: "Attributes", Name: "door_open", Kind: "removed"},
		{Section: "Commands", Kind: "reordered"},
		{Section: "Flows", Name: "too_warm", Kind: "changed", Details: []string{"condition: temperature > 8 → temperature > 10"}},
		{Section: "Flows", Name: "door", Kind: "removed"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Compare (-want +got):\n%s", diff)
	}
	if got := devicedesign.Compare(a, coldRoom()); got != nil {
		t.Errorf("the same design compares as changed: %v", got)
	}
}
