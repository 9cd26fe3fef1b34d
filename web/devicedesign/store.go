package devicedesign

import (
	"encoding/json"
	"fmt"
)

// Stored is m as the portal stores a version's model (jsonb): the same fields as the export.
func (m Model) Stored() ([]byte, error) {
	m.normalize()
	return json.Marshal(m)
}

// LoadModel decodes a stored model. The portal wrote it after Check, so an error here means
// the database holds what this code did not write.
func LoadModel(b []byte) (Model, error) {
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		return Model{}, fmt.Errorf("stored design model: %w", err)
	}
	m.normalize()
	return m, nil
}

// Export is d as the file the portal offers for download: indented, in the format's field
// order, ending in a newline.
func Export(d Document) ([]byte, error) {
	d.Normalize()
	return Indented(d)
}
