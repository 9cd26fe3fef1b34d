package staff

import (
	"encoding/json"
	"errors"
	"partnerportal/web/ui"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// staffService is one service of the partner page as GetStaffPartnerPage writes it.
type staffService struct {
	ID               int64            `json:"id"`
	Module           db.ModuleKey     `json:"module"`
	ModuleName       string           `json:"module_name"`
	Metered          bool             `json:"metered"`
	Environment      *db.Environment  `json:"environment"`
	Status           db.ServiceStatus `json:"status"`
	Version          int32            `json:"version"`
	State            db.ServiceState  `json:"state"`
	TermID           *int64           `json:"term_id"`
	ValidFrom        *ui.JSONDate     `json:"valid_from"`
	ValidUntil       *ui.JSONDate     `json:"valid_until"`
	TermMonths       *int32           `json:"term_months"`
	CapPercent       *int32           `json:"cap_percent"`
	MessageQuota     *int32           `json:"message_quota"`
	DeviceQuota      *int32           `json:"device_quota"`
	MessagesUsed     *int64           `json:"messages_used"`
	DevicesUsed      *int32           `json:"devices_used"`
	MessageAllowance *int64           `json:"message_allowance"`
	DeviceAllowance  *int64           `json:"device_allowance"`
	ExpiredFrom      *ui.JSONDate     `json:"expired_from"`
	RenewalFrom      ui.JSONDate      `json:"renewal_from"`
	Terms            []staffTerm      `json:"terms"`
	OpenRequest      *struct {
		ID          int64     `json:"id"`
		TermMonths  *int32    `json:"term_months"`
		Message     string    `json:"message"`
		CreatedAt   time.Time `json:"created_at"`
		RequestedBy string    `json:"requested_by"`
	} `json:"open_request"`
}

// staffTerm is one term of a service's history.
type staffTerm struct {
	ID           int64       `json:"id"`
	ValidFrom    ui.JSONDate `json:"valid_from"`
	ValidUntil   ui.JSONDate `json:"valid_until"`
	TermMonths   int32       `json:"term_months"`
	CapPercent   int32       `json:"cap_percent"`
	MessageQuota *int32      `json:"message_quota"`
	DeviceQuota  *int32      `json:"device_quota"`
	MessagesUsed int64       `json:"messages_used"`
	DevicesUsed  int32       `json:"devices_used"`
}

// timelineEvent is one audit event as the page queries write it.
type timelineEvent struct {
	At          time.Time       `json:"at"`
	Action      string          `json:"action"`
	Subject     string          `json:"subject"`
	Before      json.RawMessage `json:"before"`
	After       json.RawMessage `json:"after"`
	ActorName   string          `json:"actor_name"`
	CompanyID   *int64          `json:"company_id"`
	CompanyName string          `json:"company_name"`
}

// partnerPageData is what the partner page is built from.
type partnerPageData struct {
	row      db.GetStaffPartnerPageRow
	services []staffService
	modules  []struct {
		Key     db.ModuleKey `json:"key"`
		Name    string       `json:"name"`
		Metered bool         `json:"metered"`
	}
}

// loadPartnerPage reads the partner page for viewer; a company the viewer may not see is 404.
func loadPartnerPage(c echo.Context, q *db.Queries, companyID int64, today time.Time, loc *time.Location) (views.PartnerPage, *partnerPageData, error) {
	u := ui.UserFromContext(c.Request().Context())
	row, err := q.GetStaffPartnerPage(c.Request().Context(), db.GetStaffPartnerPageParams{CompanyID: companyID, ViewerID: u.ID, Today: today})
	if errors.Is(err, pgx.ErrNoRows) {
		return views.PartnerPage{}, nil, echo.ErrNotFound
	}
	if err != nil {
		return views.PartnerPage{}, nil, err
	}
	d := &partnerPageData{row: row}
	var users []struct {
		Name, Email string
		Disabled    bool
	}
	var timeline []timelineEvent
	if err := ui.DecodeJSON(row.Services, &d.services, row.Modules, &d.modules, row.Users, &users, row.Timeline, &timeline); err != nil {
		return views.PartnerPage{}, nil, err
	}
	csrf := ui.CSRFToken(c)
	page := views.PartnerPage{
		ID: row.ID, Name: row.Name, Types: companyTypes(row.IsHardware, row.IsSoftware),
		AccountManager: row.AccountManagerName, CSRF: csrf,
		AuditURL: "/admin/audit?company=" + ui.Itoa(row.ID),
	}
	if page.AccountManager == "" {
		page.AccountManager = "None assigned"
	}
	for _, pu := range users {
		page.Users = append(page.Users, views.PartnerUser{Name: pu.Name, Email: pu.Email, Disabled: pu.Disabled})
	}
	for _, s := range d.services {
		page.Services = append(page.Services, servicePanel(row.ID, s, csrf, loc))
	}
	page.Grant = grantForm(d, grantInput{ValidFrom: today.Format(time.DateOnly), CapPercent: "0", TermMonths: "6"}, csrf)
	page.Timeline = auditEntries(timeline, loc)
	return page, d, nil
}

// HandlePartnerPage is a partner company with every service, its history and the actions.
func HandlePartnerPage(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		id, err := ui.PathID(c, "id")
		if err != nil {
			return err
		}
		page, _, err := loadPartnerPage(c, q, id, ui.When(c).Today, ui.When(c).Loc)
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
