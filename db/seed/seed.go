// Package seed fills a database with the demo data `portal seed --demo` promises. Running it
// again brings the demo back to its starting point without duplicating anything.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"partnerportal/db"
)

// DemoPassword is every demo account's password.
const DemoPassword = "portal-demo"

// Account is one demo sign-in.
type Account struct {
	Email       string
	Description string
}

// PasswordHasher hashes the demo password.
type PasswordHasher interface {
	Hash(password string) string
}

type demoCompany struct {
	name               string
	hardware, software bool
	manager            string
}

var demoCompanies = []demoCompany{
	{"Company A", true, true, "am@example.com"},
	{"Company B", false, true, "am@example.com"},
	{"Company C", true, false, "am2@example.com"},
}

type demoUser struct {
	email, name string
	role        db.UserRole
	company     string
	description string
}

var demoUsers = []demoUser{
	{"admin@example.com", "Ada Admin", db.UserRoleAdmin, "", "administrator"},
	{"am@example.com", "Amir Manager", db.UserRoleAccountManager, "", "account manager of Company A and Company B"},
	{"am2@example.com", "Alice Manager", db.UserRoleAccountManager, "", "account manager of Company C"},
	{"a@company-a.example", "Anna Andersen", db.UserRolePartner, "Company A", "partner, Company A (hardware and software)"},
	{"b@company-b.example", "Ben Brooks", db.UserRolePartner, "Company B", "partner, Company B (software)"},
	{"c@company-c.example", "Chloe Chen", db.UserRolePartner, "Company C", "partner, Company C (hardware), its owner"},
	{"c2@company-c.example", "Carl Carter", db.UserRolePartner, "Company C", "partner, Company C, a member of its team (no team, API keys or requests)"},
	{"consumer@example.com", "Carlos Consumer", db.UserRoleConsumer, "", "customer of the Solutions Hub"},
}

// demoMembers are the demo partner users who are members of their company's team; the
// others own theirs.
var demoMembers = map[string]bool{"c2@company-c.example": true}

func demoTeamRole(email string) db.TeamRole {
	if demoMembers[email] {
		return db.TeamRoleMember
	}
	return db.TeamRoleOwner
}

// Accounts are the demo accounts, as Demo returns them.
func Accounts() []Account {
	out := make([]Account, 0, len(demoUsers))
	for _, u := range demoUsers {
		out = append(out, Account{Email: u.email, Description: u.description})
	}
	return out
}

// Seeded says whether the demo is in the database already (its first account exists).
func Seeded(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	var ok bool
	err := pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM users WHERE email = $1)", demoUsers[0].email).Scan(&ok)
	return ok, err
}

// Demo creates (or restores) the demo companies, accounts, services, products, device designs,
// AppConnect templates and deployments, Solutions Hub listings, orders and support tickets in
// one transaction and returns the accounts
// to print. today is the
// portal's current day; the services' terms are placed around it.
func Demo(ctx context.Context, pool *pgxpool.Pool, hasher PasswordHasher, today time.Time) ([]Account, error) {
	hash := hasher.Hash(DemoPassword)
	var accounts []Account
	err := db.Transact(ctx, pool, func(q *db.Queries) error {
		companies := map[string]int64{}
		for _, c := range demoCompanies {
			row, err := q.UpsertPartnerCompany(ctx, db.UpsertPartnerCompanyParams{Name: c.name, IsHardware: c.hardware, IsSoftware: c.software})
			if err != nil {
				return fmt.Errorf("company %s: %w", c.name, err)
			}
			companies[c.name] = row.ID
		}
		users := map[string]int64{}
		for _, u := range demoUsers {
			var companyID *int64
			if u.company != "" {
				id := companies[u.company]
				companyID = &id
			}
			row, err := q.UpsertUser(ctx, db.UpsertUserParams{Email: u.email, Name: u.name, PasswordHash: hash, Role: u.role, CompanyID: companyID})
			if err != nil {
				return fmt.Errorf("user %s: %w", u.email, err)
			}
			users[u.email] = row.ID
			if u.role == db.UserRolePartner {
				// a re-seed gives back the demo's roles, whatever the team did since
				role := demoTeamRole(u.email)
				if _, err := q.SetTeamRole(ctx, db.SetTeamRoleParams{TeamRole: &role, ID: row.ID, CompanyID: *companyID}); err != nil {
					return fmt.Errorf("team role of %s: %w", u.email, err)
				}
			}
		}
		accounts = Accounts()
		for _, c := range demoCompanies {
			manager := users[c.manager]
			if err := q.SetPartnerCompanyAccountManager(ctx, db.SetPartnerCompanyAccountManagerParams{ID: companies[c.name], AccountManagerID: &manager}); err != nil {
				return fmt.Errorf("assign %s: %w", c.name, err)
			}
		}
		if err := seedServices(ctx, q, companies, today); err != nil {
			return err
		}
		if err := resetHub(ctx, q, companies); err != nil {
			return err
		}
		if err := resetAppConnect(ctx, q, companies); err != nil {
			return err
		}
		if err := resetDesigns(ctx, q, companies); err != nil {
			return err
		}
		products, err := seedProducts(ctx, q, companies, today)
		if err != nil {
			return err
		}
		if err := seedDesigns(ctx, q, companies, users, products, today); err != nil {
			return err
		}
		templates, err := seedTemplates(ctx, q, today.AddDate(0, 0, -60))
		if err != nil {
			return err
		}
		if err := seedDeployments(ctx, q, companies, users, templates, today); err != nil {
			return err
		}
		if err := seedHub(ctx, q, companies, users, products, today); err != nil {
			return err
		}
		if err := seedPictures(ctx, q, companies, products, today); err != nil {
			return err
		}
		return seedSupport(ctx, q, companies, users, today)
	})
	return accounts, err
}
