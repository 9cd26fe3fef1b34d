package staff

import (
	"errors"
	"partnerportal/web/ui"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/usagehistory"
)

// timelineSize is how many of a company's latest audit events its page shows.
const timelineSize = 20

// partnerPageData is what the partner page is built from.
type partnerPageData struct {
	company     db.GetCompanyForStaffRow
	team        []db.ListTeamForStaffRow
	invitations []db.ListOpenTeamInvitationsForStaffRow
	services    []db.ListCompanyServicesForStaffRow
	// terms are every service's history, by service and newest first.
	terms    []db.ListCompanyTermsForStaffRow
	timeline []db.ListCompanyAuditEventsRow
	modules  []db.Module
	// termsAll and deactivations draw the term timeline (read with the company, whose
	// absence makes the page 404 before they are shown)
	termsAll      []db.ListCompanyTimelineRow
	deactivations []db.ListCompanyDeactivationsRow
}

// loadPartnerPage reads the partner page for viewer in one batch; a company the viewer may not
// see is 404.
func loadPartnerPage(c echo.Context, pool db.Batcher, companyID int64, today time.Time, loc *time.Location) (views.PartnerPage, *partnerPageData, error) {
	u := ui.UserFromContext(c.Request().Context())
	d := &partnerPageData{}
	size := int32(timelineSize)
	var b db.Batch
	db.Queue(&b, &d.company, (*db.Queries).GetCompanyForStaff, db.GetCompanyForStaffParams{ID: companyID, ViewerID: u.ID})
	db.Queue(&b, &d.team, (*db.Queries).ListTeamForStaff, db.ListTeamForStaffParams{CompanyID: companyID, ViewerID: u.ID})
	db.Queue(&b, &d.invitations, (*db.Queries).ListOpenTeamInvitationsForStaff, db.ListOpenTeamInvitationsForStaffParams{CompanyID: companyID, ViewerID: u.ID})
	db.Queue(&b, &d.services, (*db.Queries).ListCompanyServicesForStaff,
		db.ListCompanyServicesForStaffParams{CompanyID: companyID, ViewerID: u.ID, Today: today})
	db.Queue(&b, &d.terms, (*db.Queries).ListCompanyTermsForStaff, db.ListCompanyTermsForStaffParams{CompanyID: companyID, ViewerID: u.ID})
	db.Queue(&b, &d.timeline, (*db.Queries).ListCompanyAuditEvents, db.ListCompanyAuditEventsParams{ViewerID: u.ID, CompanyID: companyID, PageSize: size})
	db.QueueNoArg(&b, &d.modules, (*db.Queries).ListModules)
	db.Queue(&b, &d.termsAll, (*db.Queries).ListCompanyTimeline, companyID)
	db.Queue(&b, &d.deactivations, (*db.Queries).ListCompanyDeactivations, companyID)
	err := b.Send(c.Request().Context(), pool)
	if errors.Is(err, pgx.ErrNoRows) {
		return views.PartnerPage{}, nil, echo.ErrNotFound
	}
	if err != nil {
		return views.PartnerPage{}, nil, err
	}
	co := d.company.PartnerCompany
	csrf := ui.CSRFToken(c)
	page := views.PartnerPage{
		ID: co.ID, Name: co.Name, Types: companyTypes(co.IsHardware, co.IsSoftware),
		AccountManager: d.company.AccountManagerName, CSRF: csrf,
		AuditURL: "/admin/audit?company=" + ui.Itoa(co.ID), DesignsURL: partnerURL(co.ID) + "/designs", DeploymentsURL: deploymentsURL(co.ID),
	}
	if page.AccountManager == "" {
		page.AccountManager = "None assigned"
	}
	page.Team = staffTeam(c, co.ID, d.team, d.invitations)
	terms := map[int64][]db.ListCompanyTermsForStaffRow{}
	for _, t := range d.terms {
		terms[t.ServiceID] = append(terms[t.ServiceID], t)
	}
	for _, s := range d.services {
		page.Services = append(page.Services, servicePanel(co.ID, s, terms[s.ID], csrf, loc))
	}
	page.Grant = grantForm(d, grantInput{ValidFrom: today.Format(time.DateOnly), CapPercent: "0", TermMonths: "6"}, csrf)
	events := make([]db.ListAuditEventsRow, len(d.timeline))
	for i, e := range d.timeline {
		events[i] = db.ListAuditEventsRow(e)
	}
	page.Timeline = auditEntries(events, loc)
	page.Terms = usagehistory.Timeline(d.termsAll, d.deactivations, today, loc)
	return page, d, nil
}

// HandlePartnerPage is a partner company with every service, its history and the actions.
func HandlePartnerPage(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		page, _, err := loadPartnerPage(c, pool, id, ui.When(c).Today, ui.When(c).Loc)
		if err != nil {
			return err
		}
		return ui.OK(c, page.Name, views.PartnerView(page))
	}
}

// companyTypes says what kind of partner a company is.
func companyTypes(hardware, software bool) string {
	switch {
	case hardware && software:
		return "Hardware and software partner"
	case hardware:
		return "Hardware partner"
	case software:
		return "Software partner"
	}
	return "Partner"
}
