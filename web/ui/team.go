package ui

import (
	"time"

	"partnerportal/db"
	"partnerportal/views"
)

// TeamRoleBadge names a partner user's team role, with its icon.
func TeamRoleBadge(r db.TeamRole) views.Badge {
	if r == db.TeamRoleOwner {
		return views.Badge{Tone: "active", Icon: "★", Label: "Owner"}
	}
	return views.Badge{Tone: "scheduled", Icon: "●", Label: "Member"}
}

// TeamInvitationRows are a company's open invitations as the owners' team page and the staff
// partner page list them; an expired one says since when.
func TeamInvitationRows(rows []db.ListOpenTeamInvitationsRow, now time.Time, loc *time.Location) []views.TeamInvitation {
	out := make([]views.TeamInvitation, 0, len(rows))
	for _, r := range rows {
		out = append(out, views.TeamInvitation{ID: r.ID, Email: r.Email, InvitedBy: r.InvitedByName,
			Sent: LongDate(r.CreatedAt.In(loc)), Expires: r.ExpiresAt.In(loc).Format("2 Jan 2006 15:04"), Expired: !r.ExpiresAt.After(now)})
	}
	return out
}
