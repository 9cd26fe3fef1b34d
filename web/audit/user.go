package audit

import (
	"partnerportal/db"
)

// UserEvent is the audit entry of a change to the account u.
func UserEvent(actor int64, action string, u db.User, before, after any) Event {
	return Event{Actor: actor, CompanyID: u.CompanyID, UserID: &u.ID, Action: action,
		Subject: u.Name + " <" + u.Email + ">", Before: before, After: after}
}
