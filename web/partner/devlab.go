package partner

import (
	"encoding/json"
	"fmt"
	"net/http"
	"partnerportal/web/ui"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// The DevLab console: the company's sandbox plans, test messages and devices sent through the
// same metering as the usage API, its sandbox keys, and the log of the last reports.

// consoleData is GetDevLabConsole's JSON parts.
type consoleData struct {
	Plans []struct {
		ServiceID             int64           `json:"service_id"`
		Module                db.ModuleKey    `json:"module"`
		ModuleName            string          `json:"module_name"`
		State                 db.ServiceState `json:"state"`
		MessageQuota          *int64          `json:"message_quota"`
		MessagesUsed          *int64          `json:"messages_used"`
		MessageAllowance      *int64          `json:"message_allowance"`
		MessagesLeftAllowance *int64          `json:"messages_left_allowance"`
		DeviceQuota           *int64          `json:"device_quota"`
		DevicesUsed           *int64          `json:"devices_used"`
		DeviceAllowance       *int64          `json:"device_allowance"`
		DevicesLeftAllowance  *int64          `json:"devices_left_allowance"`
	}
	Keys []struct {
		Name       string     `json:"name"`
		Prefix     string     `json:"prefix"`
		LastUsedAt *time.Time `json:"last_used_at"`
	}
	Devices []struct {
		ID        int64        `json:"id"`
		Name      string       `json:"name"`
		Module    db.ModuleKey `json:"module"`
		CreatedAt time.Time    `json:"created_at"`
		RemovedAt *time.Time   `json:"removed_at"`
	}
	Reports []struct {
		CreatedAt time.Time        `json:"created_at"`
		Source    db.UsageSource   `json:"source"`
		KeyPrefix *string          `json:"key_prefix"`
		Module    db.ModuleKey     `json:"module"`
		Metric    string           `json:"metric"`
		Quantity  int64            `json:"quantity"`
		Accepted  bool             `json:"accepted"`
		Code      string           `json:"code"`
		State     *db.ServiceState `json:"state"`
		Used      *int64           `json:"used"`
	}
}

// loadConsole reads the console in one query and builds its view model.
func loadConsole(c echo.Context, pool *pgxpool.Pool, form views.DevLabForm) (views.DevLabConsole, error) {
	loc := ui.When(c).Loc
	u := ui.UserFromContext(c.Request().Context())
	row, err := db.New(pool).GetDevLabConsole(c.Request().Context(), db.GetDevLabConsoleParams{CompanyID: *u.CompanyID, Today: ui.When(c).Today})
	if err != nil {
		return views.DevLabConsole{}, err
	}
	var d consoleData
	for _, part := range []struct {
		b []byte
		v any
	}{{row.Plans, &d.Plans}, {row.ApiKeys, &d.Keys}, {row.Devices, &d.Devices}, {row.Reports, &d.Reports}} {
		if err := json.Unmarshal(part.b, part.v); err != nil {
			return views.DevLabConsole{}, fmt.Errorf("read the DevLab console: %w", err)
		}
	}
	if form.Count == "" {
		form.Count = "1"
	}
	con := views.DevLabConsole{Form: form, CSRF: ui.CSRFToken(c), ReadOnly: ui.AreaAccess(c).State.ReadOnly()}
	names := map[db.ModuleKey]string{}
	for _, p := range d.Plans {
		names[p.Module] = p.ModuleName
		con.Modules = append(con.Modules, views.Option{Value: string(p.Module), Label: p.ModuleName})
		plan := views.DevLabPlan{Module: string(p.Module), Name: p.ModuleName, Badge: ui.StateBadge(p.State), Summary: planSummary(p.State, p.MessagesLeftAllowance, p.DevicesLeftAllowance)}
		if p.MessageQuota != nil {
			plan.Usage = append(plan.Usage, ui.UsageBar(p.ServiceID, "messages", *p.MessagesUsed, *p.MessageQuota, *p.MessageAllowance))
		}
		if p.DeviceQuota != nil {
			plan.Usage = append(plan.Usage, ui.UsageBar(p.ServiceID, "devices", *p.DevicesUsed, *p.DeviceQuota, *p.DeviceAllowance))
		}
		con.Plans = append(con.Plans, plan)
	}
	for _, k := range d.Keys {
		key := views.DevLabKey{Name: k.Name, Prefix: k.Prefix, LastUsed: "never"}
		if k.LastUsedAt != nil {
			key.LastUsed = k.LastUsedAt.In(loc).Format("2 Jan 2006 15:04")
		}
		con.Keys = append(con.Keys, key)
	}
	for _, dv := range d.Devices {
		dev := views.DevLabDevice{ID: dv.ID, Name: dv.Name, Plan: names[dv.Module], Registered: ui.LongDate(dv.CreatedAt.In(loc))}
		if dev.Plan == "" {
			dev.Plan = string(dv.Module)
		}
		if dv.RemovedAt != nil {
			dev.Removed = ui.LongDate(dv.RemovedAt.In(loc))
		}
		con.Devices = append(con.Devices, dev)
	}
	for _, r := range d.Reports {
		line := views.DevLabReport{At: r.CreatedAt.In(loc).Format("2 Jan 15:04:05"), Source: "Console", Plan: string(r.Module),
			Metric: r.Metric, Quantity: strconv.FormatInt(r.Quantity, 10), Result: answerBadge(r.Accepted, r.Code), State: "–", Used: "–"}
		if r.KeyPrefix != nil {
			line.Source = "API " + *r.KeyPrefix + "…"
		}
		if n := names[r.Module]; n != "" {
			line.Plan = n
		}
		if r.State != nil {
			line.State = ui.StateLabel(*r.State)
		}
		if r.Used != nil {
			line.Used = ui.Count(*r.Used)
		}
		con.Log = append(con.Log, line)
	}
	return con, nil
}

// planSummary says what a sandbox plan allows now.
func planSummary(s db.ServiceState, msgsLeft, devsLeft *int64) string {
	return ui.MeterLine(s, ui.StateFacts{MessagesLeft: msgsLeft, DevicesLeft: devsLeft})
}

// answerBadge is the answer to a report in the log.
func answerBadge(accepted bool, code string) views.Badge {
	if accepted {
		return views.Badge{Tone: "active", Icon: "✓", Label: "Accepted"}
	}
	return views.Badge{Tone: "readonly", Icon: "✕", Label: "Refused: " + code}
}

// HandleDevLab is the console page.
func HandleDevLab(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		return devlabAnswer(c, pool, http.StatusOK, views.DevLabForm{}, "", "")
	}
}
