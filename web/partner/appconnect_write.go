package partner

import (
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
)

// appWrite runs write in one transaction with the company's AppConnect locked and its state
// read again: the gate's reading may predate a deactivation or the end of the term. Unless the
// module can be used the write is refused (a ui.Refusal) and nothing changes. The service's id
// goes to write for the audit entry.
func appWrite(c echo.Context, pool *pgxpool.Pool, area *ui.Area, write func(q *db.Queries, serviceID int64) error) error {
	ctx := c.Request().Context()
	company := *ui.UserFromContext(ctx).CompanyID
	return db.Transact(ctx, pool, func(q *db.Queries) error {
		if err := q.LockCompanyAppConnect(ctx, company); err != nil {
			return err
		}
		acc, err := moduleAccess(ctx, q, company, db.ModuleKeyAppconnect, nil, ui.When(c).Today)
		if err != nil {
			return err
		}
		if err := firstRefusal(ui.Governing{Access: acc, Name: area.Name, Back: area.Path}); err != nil {
			return err
		}
		return write(q, acc.ServiceID)
	})
}

// answerWrite answers the outcome of appWrite: a refusal as SPEC §5 says, a conflict as its
// message, otherwise the error.
func answerWrite(c echo.Context, err error) error {
	if g, ok := refused(err); ok {
		return ui.Refuse(c, g)
	}
	return err
}

// errDraftApplied refuses a change to a draft already deployed.
var errDraftApplied = &ui.Error{Code: http.StatusConflict, Message: "This draft has been deployed already. Open the deployment to reconfigure it."}

// deploymentEvent is the audit entry of a change to a deployment.
func deploymentEvent(c echo.Context, serviceID int64, action, name string, before, after any) audit.Event {
	u := ui.UserFromContext(c.Request().Context())
	module := db.ModuleKeyAppconnect
	e := audit.Event{Actor: u.ID, CompanyID: u.CompanyID, Module: &module, Action: action,
		Subject: "Deployment “" + clipText(name, 200) + "”", Before: before, After: after}
	if serviceID != 0 {
		e.ServiceID = &serviceID
	}
	return e
}
