package views

// TeamPage is a partner company's team as its owners manage it.
type TeamPage struct {
	CompanyName string
	Members     []TeamMember
	Invitations []TeamInvitation
	// Form is the invitation form; NewLink, after an invitation, is its link (shown once).
	Form    InviteForm
	NewLink *InviteLink
	// Alert is a refusal or a confirmation shown above the team.
	Alert *Flash
	CSRF  string
}

// TeamMember is one colleague on the team page.
type TeamMember struct {
	ID          int64
	Name, Email string
	Badge       Badge
	Owner       bool
	// You marks the signed-in owner's own row.
	You bool
	// Since is when the account was made ("12 Mar 2026").
	Since string
	// LastOwner, when set, says why the row's own "Step down" and "Leave" are disabled.
	LastOwner string
}

// TeamInvitation is one invitation that has not been accepted or revoked.
type TeamInvitation struct {
	ID        int64
	Email     string
	InvitedBy string
	Sent      string
	// Expires says until when the link works, or since when it no longer does.
	Expires string
	Expired bool
}

// InviteForm is the form that invites a colleague by address.
type InviteForm struct {
	Email  string
	Errors FieldErrors
}

// InviteLink is a new invitation's link, shown to the owner who made it: the colleague may
// get it from them, and without a mail server it is the only way it reaches them.
type InviteLink struct {
	Email, URL, Expires string
	// Mailed says the link was sent by e-mail as well.
	Mailed bool
}

// AcceptInvitePage is the page a colleague opens from an invitation.
type AcceptInvitePage struct {
	Action      string
	CompanyName string
	InvitedBy   string
	Email       string
	Name        string
	Errors      FieldErrors
	CSRF        string
}

// StaffTeam is a company's team on the staff partner page.
type StaffTeam struct {
	Members     []StaffTeamMember
	Invitations []TeamInvitation
	// MembersURL is where "Make owner" posts, followed by the user's id and "/owner".
	MembersURL string
	Alert      *Flash
	CSRF       string
}

// StaffTeamMember is one user of a company as staff see them.
type StaffTeamMember struct {
	ID          int64
	Name, Email string
	Badge       Badge
	Owner       bool
	Disabled    bool
}
