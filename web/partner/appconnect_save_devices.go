package partner

import (
	"strings"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/ui"
)

// devices reads the designs chosen for the expected devices: each one of the company's
// designs that match (a tampered id, another company's design or one that does not match is
// refused under its field).
func (s stepSave) devices(p *views.WizardPage) func(q *db.Queries) error {
	chosen := map[string]int64{}
	params := db.ReplaceDraftDevicesParams{DraftID: s.d.id(), CompanyID: s.d.row.AppDraft.CompanyID, Slots: []string{}, Designs: []int64{}}
	if s.d.skipped(s.u) == "" {
		for _, slot := range s.d.tpl.Devices {
			raw := s.form.Get(deviceField(slot.Key))
			if raw == "" {
				continue
			}
			id, ok := ui.ParseID(raw)
			design, matches := s.d.matching(slot.Key, id)
			if !ok || !matches {
				p.Errors = ui.WithError(p.Errors, deviceField(slot.Key), "Choose one of the designs listed: those whose telemetry has "+joinWords(slot.Attributes)+".")
				continue
			}
			chosen[slot.Key] = design.ID
			params.Slots, params.Designs = append(params.Slots, slot.Key), append(params.Designs, design.ID)
		}
		for k := range s.form {
			if slot, ok := strings.CutPrefix(k, "d."); ok && !s.d.tpl.HasDevice(slot) {
				p.Errors = ui.WithError(p.Errors, "", "The form sent a device this template does not expect. Reload the page and choose again.")
			}
		}
	}
	p.Devices = devicesStep(s.d, s.u, chosen)
	return func(q *db.Queries) error {
		if err := q.ReplaceDraftDevices(s.c.Request().Context(), params); err != nil {
			return err
		}
		return s.reached(q, 4)
	}
}

// reached marks the draft's steps up to n answered.
func (s stepSave) reached(q *db.Queries, n int32) error {
	dr := s.d.row.AppDraft
	_, err := q.SaveDraftReached(s.c.Request().Context(), db.SaveDraftReachedParams{ID: dr.ID, CompanyID: dr.CompanyID, Reached: n, Now: ui.When(s.c).Now})
	return err
}
