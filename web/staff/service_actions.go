package staff

import (
	"context"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
	"strings"

	"partnerportal/db"
	"partnerportal/views"
)

// renewInput is the renew form of a service panel.
type renewInput struct {
	Version      string `form:"version" validate:"required,number"`
	TermMonths   string `form:"term_months" validate:"required,oneof=3 6 12"`
	CapPercent   string `form:"cap_percent" validate:"required,percent"`
	MessageQuota string `form:"message_quota" validate:"omitempty,count"`
	DeviceQuota  string `form:"device_quota" validate:"omitempty,count"`
}

// RenewAction renews a service with the term, cap and quotas of the form.
var RenewAction = serviceAction[renewInput]{
	Change: func(viewer, companyID, serviceID int64, version int32, in renewInput) serviceChange {
		return renewChange(viewer, companyID, serviceID, version, func(before db.GetServiceForChangeRow) (renewal, error) {
			errs := views.FieldErrors{}
			mq, dq := checkQuotas(before.Metered, in.MessageQuota, in.DeviceQuota, errs)
			if len(errs) > 0 {
				return renewal{}, ui.FormErrors(errs)
			}
			return renewal{TermMonths: ui.Atoi32(in.TermMonths), CapPercent: ui.Atoi32(in.CapPercent), MessageQuota: mq, DeviceQuota: dq}, nil
		})
	},
	Refill: func(p *views.ServicePanel, in renewInput, errs views.FieldErrors) {
		p.Renew = views.RenewForm{Open: true, StartsOn: p.Renew.StartsOn, TermMonths: in.TermMonths, CapPercent: in.CapPercent,
			MessageQuota: in.MessageQuota, DeviceQuota: in.DeviceQuota, Errors: errs}
	},
	Success: func(in renewInput, d changedSubject) string {
		return "Renewed " + d.Subject + " for " + in.TermMonths + " months: the new term runs from " + d.newTerm() + "."
	},
}

// limitsInput is the form that changes the cap and quotas of the current term.
type limitsInput struct {
	Version      string `form:"version" validate:"required,number"`
	CapPercent   string `form:"cap_percent" validate:"required,percent"`
	MessageQuota string `form:"message_quota" validate:"omitempty,count"`
	DeviceQuota  string `form:"device_quota" validate:"omitempty,count"`
	// Confirm accepts that the change makes a usable service read-only.
	Confirm bool `form:"confirm"`
}

// LimitsAction changes the cap and quotas of the current term, effective at once. Lowering
// them below the usage is allowed, but a change that would make a usable service read-only
// is only saved once confirmed.
var LimitsAction = serviceAction[limitsInput]{
	Change: func(viewer, companyID, serviceID int64, version int32, in limitsInput) serviceChange {
		return serviceChange{
			Viewer: viewer, CompanyID: companyID, ServiceID: serviceID, ExpectedVersion: version, Action: audit.ActionServiceLimits,
			Apply: func(ctx context.Context, q *db.Queries, before db.GetServiceForChangeRow) (*termSnapshot, error) {
				errs := views.FieldErrors{}
				mq, dq := checkQuotas(before.Metered, in.MessageQuota, in.DeviceQuota, errs)
				if len(errs) > 0 {
					return nil, ui.FormErrors(errs)
				}
				if before.TermID == nil {
					return nil, ui.FormErrors{"": "This service has no term to change. Renew it instead."}
				}
				if *before.CapPercent == ui.Atoi32(in.CapPercent) && sameOptional(before.GrantedMessageQuota, mq) && sameOptional(before.GrantedDeviceQuota, dq) {
					return nil, ui.FormErrors{"": "These are the current values already; nothing to save."}
				}
				return nil, q.UpdateTermLimits(ctx, db.UpdateTermLimitsParams{ID: *before.TermID, CapPercent: ui.Atoi32(in.CapPercent), MessageQuota: mq, DeviceQuota: dq})
			},
			Check: func(before, after db.GetServiceForChangeRow) error {
				if in.Confirm || !after.State.ReadOnly() || before.State.ReadOnly() {
					return nil
				}
				return ui.FormErrors{"confirm": "With these values " + audit.ServiceSubject(after.ModuleName, after.Environment) +
					" becomes “" + ui.StateLabel(after.State) + "”: the partner can still see it but can change or use nothing in it until you raise the limits or renew. Save anyway?"}
			},
		}
	},
	Refill: func(p *views.ServicePanel, in limitsInput, errs views.FieldErrors) {
		p.Limits.Open, p.Limits.Errors, p.Limits.Warning = true, errs, errs["confirm"]
		p.Limits.CapPercent, p.Limits.MessageQuota, p.Limits.DeviceQuota = in.CapPercent, in.MessageQuota, in.DeviceQuota
	},
	Success: func(_ limitsInput, d changedSubject) string {
		return "Cap and quotas of " + d.Subject + " saved. They apply at once."
	},
}

// sameOptional reports whether two optional values are both absent or equal.
func sameOptional[T comparable](a, b *T) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// statusInput is the activate / deactivate form.
type statusInput struct {
	Version string `form:"version" validate:"required,number"`
	Status  string `form:"status" validate:"required,oneof=active inactive"`
	// Reason is why it is deactivated; staff see it on the service, the partner does not.
	Reason string `form:"reason" validate:"omitempty,plaintext,max=500"`
}

// StatusAction activates or deactivates a service.
var StatusAction = serviceAction[statusInput]{
	Change: func(viewer, companyID, serviceID int64, version int32, in statusInput) serviceChange {
		status, action := db.ServiceStatus(in.Status), audit.ActionServiceActivate
		if status == db.ServiceStatusInactive {
			action = audit.ActionServiceDeactivate
		}
		return serviceChange{
			Viewer: viewer, CompanyID: companyID, ServiceID: serviceID, ExpectedVersion: version, Action: action, Status: status,
			Reason: strings.TrimSpace(in.Reason),
			Apply: func(_ context.Context, _ *db.Queries, before db.GetServiceForChangeRow) (*termSnapshot, error) {
				if before.Status == status {
					return nil, ui.FormErrors{"": "The service is " + string(status) + " already."}
				}
				return nil, nil
			},
		}
	},
	Refill: func(p *views.ServicePanel, in statusInput, errs views.FieldErrors) {
		p.DeactivateOpen = in.Status == string(db.ServiceStatusInactive)
		p.ReasonError = errs["reason"]
		if p.ReasonError == "" {
			p.Reason = in.Reason
		}
	},
	Success: func(in statusInput, d changedSubject) string {
		if in.Status == string(db.ServiceStatusInactive) {
			return "Deactivated " + d.Subject + ": the partner no longer sees this module."
		}
		return "Activated " + d.Subject + ": the partner sees this module again as its term allows."
	},
}
