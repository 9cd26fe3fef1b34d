package ui

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// Refusal is a write refused because the access that governs it, read under the governing
// service's row lock, does not let it change anything. Returned from a transaction it rolls
// the write back; Refuse answers it.
type Refusal struct{ Governing }

func (r *Refusal) Error() string {
	return r.Name + " cannot be changed while it is " + string(r.Access.State)
}

// Refuse answers a write that g's access does not allow, the way SPEC §5 wants every refusal
// to read: hidden → 404; read-only → 403 with the read-only message, a fragment the page shows
// in place for htmx, else a flash after a redirect to g.Back.
func Refuse(c echo.Context, g Governing) error {
	if g.Access.State.Hidden() {
		return echo.ErrNotFound
	}
	msg := ReadOnlyText(g.Name, g.Access)
	if IsHTMX(c) {
		return RenderFragment(c, http.StatusForbidden, views.FlashMessage(views.Flash{Kind: "error", Text: msg}))
	}
	return FlashRedirect(c, "error", msg, g.Back)
}

// AccessOf is the access GetCompanyModuleState read, in the shape company_access gives the
// gate, so a re-check under a lock words its refusal as the gate does.
func AccessOf(row db.GetCompanyModuleStateRow) ModuleAccess {
	acc := ModuleAccess{State: row.State}
	if row.ServiceID != nil {
		acc.ServiceID = *row.ServiceID
	}
	if row.ValidUntil != nil {
		acc.ValidUntil = row.ValidUntil
	}
	if row.ReadOnlySince != nil {
		acc.ReadOnlySince = row.ReadOnlySince
	}
	return acc
}
