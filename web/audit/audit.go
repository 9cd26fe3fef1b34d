package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"partnerportal/db"
)

// The actions of the audit trail. The key is stored; the label is what pages show.
const (
	ActionServiceGrant      = "service.grant"
	ActionServiceRenew      = "service.renew"
	ActionServiceActivate   = "service.activate"
	ActionServiceDeactivate = "service.deactivate"
	ActionServiceLimits     = "service.limits"
	ActionRequestCreate     = "renewal_request.create"
	ActionRequestApprove    = "renewal_request.approve"
	ActionRequestDecline    = "renewal_request.decline"
	ActionTopupCreate       = "topup_request.create"
	ActionTopupApprove      = "topup_request.approve"
	ActionTopupDecline      = "topup_request.decline"
	ActionCompanyCreate     = "company.create"
	ActionCompanyUpdate     = "company.update"
	ActionCompanyAssign     = "company.assign"
	ActionUserCreate        = "user.create"
	ActionUserDisable       = "user.disable"
	ActionUserEnable        = "user.enable"
	ActionUserResetLink     = "user.reset_link"
	ActionUserPasswordSet   = "user.password_reset"
	ActionTicketOpen        = "ticket.open"
	ActionTicketStatus      = "ticket.status"
	ActionTicketAssign      = "ticket.assign"
	ActionDesignCreate      = "device_design.create"
	ActionDesignUpdate      = "device_design.update"
	ActionDesignDuplicate   = "device_design.duplicate"
	ActionDesignImport      = "device_design.import"
	ActionTemplateCreate    = "app_template.create"
	ActionTemplateUpdate    = "app_template.update"
	ActionTemplateRetire    = "app_template.retire"
	ActionTemplateRestore   = "app_template.restore"
	ActionDeploymentCreate  = "app_deployment.create"
	ActionDeploymentChange  = "app_deployment.reconfigure"
	ActionDeploymentStop    = "app_deployment.stop"
	ActionDeploymentStart   = "app_deployment.start"
	ActionDeploymentRetry   = "app_deployment.retry"
	ActionDeploymentDelete  = "app_deployment.delete"
	ActionDeploymentProduct = "app_deployment.product"
	ActionTeamInvite        = "team.invite"
	ActionTeamInviteRevoke  = "team.invitation_revoke"
	ActionTeamJoin          = "team.join"
	ActionTeamRole          = "team.role"
	ActionTeamRemove        = "team.remove"
)

// Actions lists every action in the order the log's filter offers them.
var Actions = []struct{ Key, Label string }{
	{ActionServiceGrant, "Service granted"},
	{ActionServiceRenew, "Service renewed"},
	{ActionServiceActivate, "Service activated"},
	{ActionServiceDeactivate, "Service deactivated"},
	{ActionServiceLimits, "Cap or quotas changed"},
	{ActionRequestCreate, "Renewal requested"},
	{ActionRequestApprove, "Renewal request approved"},
	{ActionRequestDecline, "Renewal request declined"},
	{ActionTopupCreate, "Top-up requested"},
	{ActionTopupApprove, "Top-up approved"},
	{ActionTopupDecline, "Top-up declined"},
	{ActionCompanyCreate, "Company created"},
	{ActionCompanyUpdate, "Company changed"},
	{ActionCompanyAssign, "Account manager assigned"},
	{ActionUserCreate, "User created"},
	{ActionUserDisable, "User disabled"},
	{ActionUserEnable, "User enabled"},
	{ActionUserResetLink, "Password link issued"},
	{ActionUserPasswordSet, "Password set with a link"},
	{ActionTicketOpen, "Support ticket opened"},
	{ActionTicketStatus, "Support ticket status changed"},
	{ActionTicketAssign, "Support ticket assigned"},
	{ActionDesignCreate, "Device design created"},
	{ActionDesignUpdate, "Device design changed"},
	{ActionDesignDuplicate, "Device design duplicated"},
	{ActionDesignImport, "Device design imported"},
	{ActionTemplateCreate, "AppConnect template created"},
	{ActionTemplateUpdate, "AppConnect template changed"},
	{ActionTemplateRetire, "AppConnect template retired"},
	{ActionTemplateRestore, "AppConnect template brought back"},
	{ActionDeploymentCreate, "Deployment made"},
	{ActionDeploymentChange, "Deployment reconfigured"},
	{ActionDeploymentStop, "Deployment stopped"},
	{ActionDeploymentStart, "Deployment started"},
	{ActionDeploymentRetry, "Deployment retried"},
	{ActionDeploymentDelete, "Deployment deleted"},
	{ActionDeploymentProduct, "Product made from a deployment"},
	{ActionTeamInvite, "Colleague invited"},
	{ActionTeamInviteRevoke, "Invitation revoked"},
	{ActionTeamJoin, "Invitation accepted"},
	{ActionTeamRole, "Team role changed"},
	{ActionTeamRemove, "Removed from the team"},
	{ActionUserNameChange, "Own name changed"},
	{ActionUserEmailRequest, "E-mail change asked for"},
	{ActionUserEmailChange, "E-mail address changed"},
	{ActionUserPasswordChange, "Own password changed"},
	{ActionUserSessionEnd, "Session signed out"},
	{ActionUserSessionsEnd, "Signed out everywhere else"},
	{ActionUserClose, "Customer account closed"},
}

func Known(key string) bool {
	for _, a := range Actions {
		if a.Key == key {
			return true
		}
	}
	return false
}

func Label(key string) string {
	for _, a := range Actions {
		if a.Key == key {
			return a.Label
		}
	}
	return key
}

// Event is one entry of the trail. Before and After are marshalled to JSON; nil means
// there is nothing on that side (a creation has no before).
type Event struct {
	// Actor is who made the change; 0 is the portal itself (a ticket closing by itself).
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

// Write appends e to the trail at the application's time. Call it with the Queries of
// the transaction that makes the change, so the change and its record stand or fall together.
func Write(ctx context.Context, q *db.Queries, at time.Time, e Event) error {
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

// ServiceSubject names a service in the trail: "Software products · sandbox".
func ServiceSubject(moduleName string, env *db.Environment) string {
	if env != nil {
		return moduleName + " · " + string(*env)
	}
	return moduleName
}
