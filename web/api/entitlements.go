package api

import (
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/ui"
)

// entitlement is one service of the company as the API shows it.
type entitlement struct {
	Module        string     `json:"module"`
	Environment   *string    `json:"environment"`
	State         string     `json:"state"`
	CanUse        bool       `json:"can_use"`
	ReadOnly      bool       `json:"read_only"`
	ValidFrom     *string    `json:"valid_from"`
	ValidUntil    *string    `json:"valid_until"`
	DaysLeft      int32      `json:"days_left"`
	GraceDaysLeft int32      `json:"grace_days_left"`
	CapPercent    *int32     `json:"cap_percent"`
	Messages      *dimension `json:"messages"`
	Devices       *dimension `json:"devices"`
}

// dimension is what a plan allows of one metric and what is left of it.
type dimension struct {
	Quota              int64 `json:"quota"`
	Used               int64 `json:"used"`
	Allowance          int64 `json:"allowance"`
	RemainingQuota     int64 `json:"remaining_quota"`
	RemainingAllowance int64 `json:"remaining_allowance"`
}

// HandleEntitlements is GET /api/v1/entitlements: every service of the key's company with its
// state today and what is left — "may this partner do X now?" in one call.
func HandleEntitlements(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		today := ui.When(c).Today
		rows, err := q.ListCompanyServices(c.Request().Context(), db.ListCompanyServicesParams{CompanyID: apiKeyFrom(c).CompanyID, Today: today})
		if err != nil {
			return err
		}
		out := []entitlement{}
		for _, r := range rows {
			if r.ServiceID == nil {
				continue
			}
			e := entitlement{Module: string(r.Module), State: string(r.State), CanUse: r.State.CanUse(), ReadOnly: r.State.ReadOnly(),
				ValidFrom: isoDate(r.ValidFrom), ValidUntil: isoDate(r.ValidUntil), DaysLeft: r.DaysLeft,
				GraceDaysLeft: r.GraceDaysLeft, CapPercent: r.CapPercent}
			if r.Environment != nil {
				env := string(*r.Environment)
				e.Environment = &env
			}
			if r.MessageQuota != nil {
				e.Messages = &dimension{Quota: int64(*r.MessageQuota), Used: *r.MessagesUsed, Allowance: *r.MessageAllowance,
					RemainingQuota: *r.MessagesLeft, RemainingAllowance: *r.MessagesLeftAllowance}
			}
			if r.DeviceQuota != nil {
				e.Devices = &dimension{Quota: int64(*r.DeviceQuota), Used: int64(*r.DevicesUsed), Allowance: *r.DeviceAllowance,
					RemainingQuota: int64(*r.DevicesLeft), RemainingAllowance: *r.DevicesLeftAllowance}
			}
			out = append(out, e)
		}
		return writeJSON(c, http.StatusOK, struct {
			Today        string        `json:"today"`
			Entitlements []entitlement `json:"entitlements"`
		}{today.Format(time.DateOnly), out})
	}
}

func isoDate(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}
