package ui

import (
	"time"

	"partnerportal/db"
)

// Access is what a company may do in each module today, as computed by the database
// (company_access, built on the state rule): keyed by module, and for plans by
// "module:environment".
type Access map[string]ModuleAccess

// ModuleAccess is the state of one module or plan, with the dates a banner quotes.
type ModuleAccess struct {
	ServiceID int64
	State     db.ServiceState
	// Usability is the database's ranking of the state (state_usability): lower is more usable.
	Usability     int32
	ValidUntil    *time.Time
	ReadOnlySince *time.Time
}

// AccessOfRows keys company_access's rows.
func AccessOfRows(rows []db.ListRequestSessionAccessRow) Access {
	a := make(Access, len(rows))
	for _, r := range rows {
		acc := ModuleAccess{State: r.State, Usability: r.Usability, ValidUntil: r.ValidUntil, ReadOnlySince: r.ReadOnlySince}
		if r.ServiceID != nil {
			acc.ServiceID = *r.ServiceID
		}
		a[r.Key] = acc
	}
	return a
}

// Module returns the best plan's access for module; a module never granted is "none".
func (a Access) Module(m db.ModuleKey) ModuleAccess {
	if acc, ok := a[string(m)]; ok {
		return acc
	}
	return ModuleAccess{State: db.ServiceStateNone}
}

// Plan returns the access of one plan of a metered module.
func (a Access) Plan(m db.ModuleKey, env db.Environment) ModuleAccess {
	if acc, ok := a[string(m)+":"+string(env)]; ok {
		return acc
	}
	return ModuleAccess{State: db.ServiceStateNone}
}

// Area returns the access of an area that several modules open (My Products: software or
// hardware): the most usable of them by the database's ranking; the first module wins a tie.
func (a Access) Area(modules []db.ModuleKey) ModuleAccess {
	best, found := ModuleAccess{State: db.ServiceStateNone}, false
	for _, m := range modules {
		if acc, ok := a[string(m)]; ok && (!found || acc.Usability < best.Usability) {
			best, found = acc, true
		}
	}
	return best
}
