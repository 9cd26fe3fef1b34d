package partner

import (
	"fmt"
	"net/http"
	"partnerportal/web/ui"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// The DevLab console: the company's sandbox plans, test messages and devices sent through the
// same metering as the usage API, its sandbox keys, and the log of the last reports.

// consoleData is what the console lists, each a query of its own.
type consoleData struct {
	Plans   []db.ListSandboxPlansRow
	Keys    []db.ListSandboxAPIKeysRow
	Devices []db.ListDevLabDevicesRow
	Reports []db.ListSandboxReportsRow
}

// loadConsole reads the console's lists in one batch and builds its view model.
func loadConsole(c echo.Context, pool *pgxpool.Pool, form views.DevLabForm) (views.DevLabConsole, error) {
	loc := ui.When(c).Loc
	company := *ui.UserFromContext(c.Request().Context()).CompanyID
	var d consoleData
	var b db.Batch
	db.Queue(&b, &d.Plans, (*db.Queries).ListSandboxPlans, db.ListSandboxPlansParams{CompanyID: company, Today: ui.When(c).Today})
	db.Queue(&b, &d.Keys, (*db.Queries).ListSandboxAPIKeys, company)
	db.Queue(&b, &d.Devices, (*db.Queries).ListDevLabDevices, company)
	db.Queue(&b, &d.Reports, (*db.Queries).ListSandboxReports, company)
	if err := b.Send(c.Request().Context(), pool); err != nil {
		return views.DevLabConsole{}, fmt.Errorf("read the DevLab console: %w", err)
	}
	if form.Count == "" {
		form.Count = "1"
	}
	con := views.DevLabConsole{Form: form, CSRF: ui.CSRFToken(c), ReadOnly: ui.AreaAccess(c).State.ReadOnly()}
	names := map[db.ModuleKey]string{}
	var closed []string
	for _, p := range d.Plans {
		names[p.Module] = p.ModuleName
		if p.State.CanUse() {
			con.Modules = append(con.Modules, views.Option{Value: string(p.Module), Label: p.ModuleName})
		} else {
			closed = append(closed, p.ModuleName+" ("+ui.StateLabel(p.State)+")")
		}
		plan := views.DevLabPlan{Module: string(p.Module), Name: p.ModuleName, Badge: ui.StateBadge(p.State), Summary: planSummary(p.State, p.MessagesLeftAllowance, p.DevicesLeftAllowance)}
		if p.MessageQuota != nil {
			plan.Usage = append(plan.Usage, ui.UsageBar(p.ServiceID, "messages", *p.MessagesUsed, int64(*p.MessageQuota), *p.MessageAllowance))
		}
		if p.DeviceQuota != nil {
			plan.Usage = append(plan.Usage, ui.UsageBar(p.ServiceID, "devices", int64(*p.DevicesUsed), int64(*p.DeviceQuota), *p.DeviceAllowance))
		}
		con.Plans = append(con.Plans, plan)
	}
	con.Disabled = consoleDisabled(con, closed)
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
			Metric: string(r.Metric), Quantity: strconv.FormatInt(r.Quantity, 10), Result: answerBadge(r.Accepted, r.Code), State: "–", Used: "–"}
		if r.KeyPrefix != nil {
			line.Source = "API " + *r.KeyPrefix + "…"
		}
		if n := names[r.Module]; n != "" {
			line.Plan = n
		}
		if r.StateAfter != nil {
			line.State = ui.StateLabel(*r.StateAfter)
		}
		if r.UsedAfter != nil {
			line.Used = ui.Count(*r.UsedAfter)
		}
		con.Log = append(con.Log, line)
	}
	return con, nil
}

// planSummary says what a sandbox plan allows now.
func planSummary(s db.ServiceState, msgsLeft, devsLeft *int64) string {
	return ui.MeterLine(s, ui.StateFacts{MessagesLeft: msgsLeft, DevicesLeft: devsLeft})
}

// consoleDisabled says why the console's forms are disabled, "" when they are not: the server
// would refuse a message or device for each of these reasons.
func consoleDisabled(con views.DevLabConsole, closed []string) string {
	switch {
	case con.ReadOnly:
		return "DevLab is read-only: nothing can be sent or registered until it is renewed."
	case len(con.Plans) == 0:
		return "Your company has no sandbox plan to send to or register devices on."
	case len(con.Modules) == 0:
		return "No sandbox plan can take test messages or devices now: " + strings.Join(closed, ", ") + ". " + ui.LiftsReadOnly
	}
	return ""
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
