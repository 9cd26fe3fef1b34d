package staff

import (
	"partnerportal/db"
	"partnerportal/web/audit"
	"time"
)

// serviceSnapshot is a service and its current term as the trail records them.
type serviceSnapshot struct {
	Status       db.ServiceStatus `json:"status"`
	State        db.ServiceState  `json:"state"`
	Version      int32            `json:"version"`
	ValidFrom    string           `json:"valid_from,omitempty"`
	ValidUntil   string           `json:"valid_until,omitempty"`
	TermMonths   *int32           `json:"term_months,omitempty"`
	CapPercent   *int32           `json:"cap_percent,omitempty"`
	MessageQuota *int32           `json:"message_quota,omitempty"`
	DeviceQuota  *int32           `json:"device_quota,omitempty"`
	MessagesUsed *int64           `json:"messages_used,omitempty"`
	DevicesUsed  *int32           `json:"devices_used,omitempty"`
	// NewTerm is the term a renewal or a grant added (the current term may still be the old one).
	NewTerm *termSnapshot `json:"new_term,omitempty"`
}

func snapshotService(r db.GetServiceForChangeRow) serviceSnapshot {
	s := serviceSnapshot{
		Status: r.Status, State: r.State, Version: r.Version, TermMonths: r.TermMonths, CapPercent: r.CapPercent,
		MessageQuota: r.MessageQuota, DeviceQuota: r.DeviceQuota, MessagesUsed: r.MessagesUsed, DevicesUsed: r.DevicesUsed,
	}
	if r.ValidFrom != nil {
		s.ValidFrom, s.ValidUntil = r.ValidFrom.Format(time.DateOnly), r.ValidUntil.Format(time.DateOnly)
	}
	return s
}

// serviceEvent is the audit entry of a change to the service r (before or after it).
func serviceEvent(actor int64, action string, r db.GetServiceForChangeRow, before, after any) audit.Event {
	return audit.Event{
		Actor: actor, CompanyID: &r.CompanyID, ServiceID: &r.ID, Module: &r.Module, Environment: r.Environment,
		Action: action, Subject: audit.ServiceSubject(r.ModuleName, r.Environment), Before: before, After: after,
	}
}
