package audit

// The actions of people on their own account page (web/account): they are both the actor and
// the account the event is about.
const (
	ActionUserNameChange     = "user.name_change"
	ActionUserEmailRequest   = "user.email_change_request"
	ActionUserEmailChange    = "user.email_change"
	ActionUserPasswordChange = "user.password_change"
	ActionUserSessionEnd     = "user.session_end"
	ActionUserSessionsEnd    = "user.sessions_end"
	ActionUserClose          = "user.close"
)
