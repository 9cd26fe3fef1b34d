package web

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"partnerportal/db"
)

// The actions of the audit trail. The key is stored; the label is what pages show.
const (
	actionServiceGrant      = "service.grant"
	actionServiceRenew      = "service.renew"
	actionServiceActivate   = "service.activate"
	actionServiceDeactivate = "service.deactivate"
	actionServiceLimits     = "service.limits"
	actionRequestCreate     = "renewal_request.create"
	actionRequestApprove    = "renewal_request.approve"
	actionRequestDecline    = "renewal_request.decline"
	actionCompanyCreate     = "company.create"
	actionCompanyUpdate     = "company.update"
	actionCompanyAssign     = "company.assign"
	actionUserCreate        = "user.create"
	actionUserDisable       = "user.disable"
	actionUserEnable        = "user.enable"
	actionUserResetLink     = "user.reset_link"
	actionUserPasswordSet   = "user.password_reset"
)

// auditActions lists every action in the order the log's filter offers them.
var auditActions = []struct{ Key, Label string }{
	{actionServiceGrant, "Service granted"},
	{actionServiceRenew, "Service renewed"},
	{actionServiceActivate, "Service activated"},
	{actionServiceDeactivate, "Service deactivated"},
	{actionServiceLimits, "Cap or quotas changed"},
	{actionRequestCreate, "Renewal requested"},
	{actionRequestApprove, "Renewal request approved"},
	{actionRequestDecline, "Renewal request declined"},
	{actionCompanyCreate, "Company created"},
	{actionCompanyUpdate, "Company changed"},
	{actionCompanyAssign, "Account manager assigned"},
	{actionUserCreate, "User created"},
	{actionUserDisable, "User disabled"},
	{actionUserEnable, "User enabled"},
	{actionUserResetLink, "Password link issued"},
	{actionUserPasswordSet, "Password set with a link"},
}

func knownAction(key string) bool {
	for _, a := range auditActions {
		if a.Key == key {
			return true
		}
	}
	return false
}

func actionLabel(key string) string {
	for _, a := range auditActions {
		if a.Key == key {
			return a.Label
		}
	}
	return key
}

// auditEvent is one entry of the trail. Before and After are marshalled to JSON; nil means
// there is nothing on that side (a creation has no before).
type auditEvent struct {
	Actor       int64
	CompanyID   *int64
	ServiceID   *int64
	Module      *db.ModuleKey
	Environment *db.Environment
	UserID      *int64
	Action      string
	Subject     string
	Before      any
	After       any
}

// writeAudit appends e to the trail at the application's time. Call it with the Queries of
// the transaction that makes the change, so the change and its record stand or fall together.
func writeAudit(ctx context.Context, q *db.Queries, at time.Time, e auditEvent) error {
	before, err := marshalSnapshot(e.Before)
	if err != nil {
		return err
	}
	after, err := marshalSnapshot(e.After)
	if err != nil {
		return err
	}
	err = q.CreateAuditEvent(ctx, db.CreateAuditEventParams{
		At: at, ActorID: e.Actor, CompanyID: e.CompanyID, ServiceID: e.ServiceID, Module: e.Module,
		Environment: e.Environment, UserID: e.UserID, Action: e.Action, Subject: e.Subject,
		Before: before, After: after,
	})
	if err != nil {
		return fmt.Errorf("write audit %s: %w", e.Action, err)
	}
	return nil
}

func marshalSnapshot(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit snapshot: %w", err)
	}
	return b, nil
}

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

// serviceSubject names a service in the trail: "Software products · sandbox".
func serviceSubject(moduleName string, env *db.Environment) string {
	if env != nil {
		return moduleName + " · " + string(*env)
	}
	return moduleName
}

// serviceEvent is the audit entry of a change to the service r (before or after it).
func serviceEvent(actor int64, action string, r db.GetServiceForChangeRow, before, after any) auditEvent {
	return auditEvent{
		Actor: actor, CompanyID: &r.CompanyID, ServiceID: &r.ID, Module: &r.Module, Environment: r.Environment,
		Action: action, Subject: serviceSubject(r.ModuleName, r.Environment), Before: before, After: after,
	}
}
