package partner

import (
	"errors"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/devicedesign"
)

// designWrite runs write in one transaction with the company's ExpressConnect locked and its
// state read again: the gate's reading may predate a deactivation or the end of the term.
// Unless the module can be used the write is refused (a ui.Refusal) and nothing changes. The
// service's id goes to write for the audit entry.
func designWrite(c echo.Context, pool *pgxpool.Pool, area *ui.Area, write func(q *db.Queries, serviceID int64) error) error {
	ctx := c.Request().Context()
	company := *ui.UserFromContext(ctx).CompanyID
	return db.Transact(ctx, pool, func(q *db.Queries) error {
		if err := q.LockCompanyExpressConnect(ctx, company); err != nil {
			return err
		}
		acc, err := moduleAccess(ctx, q, company, db.ModuleKeyExpressconnect, nil, ui.When(c).Today)
		if err != nil {
			return err
		}
		if err := firstRefusal(ui.Governing{Access: acc, Name: area.Name, Back: area.Path}); err != nil {
			return err
		}
		return write(q, acc.ServiceID)
	})
}

// newDesign is what a new design starts from: its first version and where it came from.
type newDesign struct {
	doc       devicedesign.Document
	productID *int64
	origin    string
	note      string
	action    string
}

// createDesign stores nd as a new design at version 1 with its audit entry, and returns its
// id. A name the company already uses fails with a unique violation (isDesignNameTaken).
func createDesign(c echo.Context, q *db.Queries, serviceID int64, nd newDesign) (int64, error) {
	ctx := c.Request().Context()
	u := ui.UserFromContext(ctx)
	now := ui.When(c).Now
	model, err := nd.doc.Model.Stored()
	if err != nil {
		return 0, err
	}
	id, err := q.CreateDesign(ctx, db.CreateDesignParams{CompanyID: *u.CompanyID, Name: nd.doc.Name, Origin: nd.origin, CreatedBy: &u.ID, Now: now})
	if err != nil {
		return 0, err
	}
	n, err := q.CreateDesignVersion(ctx, db.CreateDesignVersionParams{DesignID: id, CompanyID: *u.CompanyID, Version: 1,
		Name: nd.doc.Name, Description: nd.doc.Description, ProductID: nd.productID,
		Protocol: db.DeviceProtocol(nd.doc.Protocol), Authentication: db.DeviceAuthentication(nd.doc.Authentication),
		Model: model, SavedBy: &u.ID, Now: now, Note: nd.note})
	if err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, ui.FormErrors{"product": "Choose one of your hardware products."}
	}
	after := map[string]any{"name": nd.doc.Name, "design_version": 1, "changes": contentsOf(nd.doc)}
	if nd.origin != "" {
		after["source"] = nd.origin
	}
	return id, audit.Write(ctx, q, now, designEvent(u.ID, *u.CompanyID, serviceID, nd.action, nd.doc.Name, nil, after))
}

// designEvent is the audit entry of a change to a design.
func designEvent(actor, company, serviceID int64, action, name string, before, after any) audit.Event {
	module := db.ModuleKeyExpressconnect
	e := audit.Event{Actor: actor, CompanyID: &company, Module: &module, Action: action,
		Subject: "Device design “" + clipText(name, 200) + "”", Before: before, After: after}
	if serviceID != 0 {
		e.ServiceID = &serviceID
	}
	return e
}

// contentsOf counts a document's contents, for the audit trail.
func contentsOf(d devicedesign.Document) string {
	count := 0
	var walk func([]devicedesign.Attribute)
	walk = func(as []devicedesign.Attribute) {
		for _, a := range as {
			count++
			walk(a.Attributes)
		}
	}
	walk(d.Attributes)
	return ui.DesignContents(int32(count), int32(len(d.Commands)), int32(len(d.Properties)), int32(len(d.Flows)))
}

// isDesignNameTaken reports the unique violation of a company's design name.
func isDesignNameTaken(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.ConstraintName == "device_designs_company_name_key"
}

// freeDesignName is name, or name (copy), name (copy 2)… the first the company does not use
// (names compare without case, as the unique index does), within the name's length limit.
func freeDesignName(name string, taken []string) string {
	used := make(map[string]bool, len(taken))
	for _, t := range taken {
		used[strings.ToLower(t)] = true
	}
	if !used[strings.ToLower(name)] {
		return name
	}
	for n := 1; ; n++ {
		suffix := " (copy)"
		if n > 1 {
			suffix = " (copy " + strconv.Itoa(n) + ")"
		}
		s := clipText(name, devicedesign.MaxNameLength-utf8.RuneCountInString(suffix)) + suffix
		if !used[strings.ToLower(s)] {
			return s
		}
	}
}

// clipText keeps the first n characters of s.
func clipText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
