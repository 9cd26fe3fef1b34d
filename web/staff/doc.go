// Package staff holds the pages of account managers and admins under /admin: the dashboard,
// a partner's page with its service actions, renewal requests, the audit log, and (admins
// only) companies, users and one-time password links. Every query filters by staff_can_see or its set form, staff_companies.
package staff
