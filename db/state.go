package db

// The state of a service is computed once, by the SQL function service_state (migration
// 00002, SPEC §4), and arrives here as a ServiceState. These methods only say what a computed
// state means for pages, guards and badges; none of them looks at dates or usage, so they can
// never disagree with the listing queries.

// Hidden reports whether the module is absent from navigation and its pages answer 404: no
// service, switched off by the account manager, or not started yet. An unknown value is hidden
// too, so a state this code does not know never opens a page.
func (s ServiceState) Hidden() bool {
	return !s.CanView()
}

// ReadOnly reports whether the partner sees the module but may change nothing in it: the term
// and its grace are over, or a quota is used up beyond the cap.
func (s ServiceState) ReadOnly() bool {
	return s == ServiceStateExpired || s == ServiceStateExhausted
}

// CanView reports whether the module's pages are shown at all, usable or read-only.
func (s ServiceState) CanView() bool {
	return s.CanUse() || s.ReadOnly()
}

// CanUse reports whether the partner may create, edit and consume in the module; in grace the
// pages also warn about what is left.
func (s ServiceState) CanUse() bool {
	return s == ServiceStateActive || s == ServiceStateGrace
}

// Label is the badge text of My Services. An unknown value reads as "Not subscribed", the same
// as no service, so a badge never shows a raw key.
func (s ServiceState) Label() string {
	switch s {
	case ServiceStateActive:
		return "Active"
	case ServiceStateGrace:
		return "Grace"
	case ServiceStateExpired:
		return "Expired"
	case ServiceStateExhausted:
		return "Quota used up"
	case ServiceStateInactive:
		return "Inactive"
	case ServiceStateScheduled:
		return "Scheduled"
	}
	return "Not subscribed"
}
