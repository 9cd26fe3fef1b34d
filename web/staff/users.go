package staff

import (
	"errors"
	"net/http"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
	"strconv"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/auth"
)

// userInput is the new-user form as submitted.
type userInput struct {
	Name    string `form:"name" validate:"required,max=200"`
	Email   string `form:"email" validate:"required,email,max=254"`
	Role    string `form:"role" validate:"required,oneof=admin account_manager partner consumer"`
	Company string `form:"company" validate:"omitempty,number"`
}

// usersPage builds the users page; in fills the new-user form. The accounts and the companies
// to choose from are read in one batch.
func usersPage(c echo.Context, pool *pgxpool.Pool, in userInput) (views.UsersPage, error) {
	me := ui.UserFromContext(c.Request().Context())
	var users []db.ListUsersForAdminRow
	var companies []db.ListCompaniesForStaffRow
	var b db.Batch
	db.QueueNoArg(&b, &users, (*db.Queries).ListUsersForAdmin)
	db.Queue(&b, &companies, (*db.Queries).ListCompaniesForStaff, me.ID)
	if err := b.Send(c.Request().Context(), pool); err != nil {
		return views.UsersPage{}, err
	}
	p := views.UsersPage{CSRF: ui.CSRFToken(c), Form: views.UserForm{Name: in.Name, Email: in.Email,
		Companies: []views.Option{{Value: "", Label: "None (not a partner user)", Selected: in.Company == ""}}}}
	for _, u := range users {
		p.Users = append(p.Users, views.UserRow{ID: u.ID, Name: u.Name, Email: u.Email, Role: ui.RoleLabel(u.Role),
			Company: u.CompanyName, Disabled: u.Disabled, Self: u.ID == me.ID})
	}
	for _, r := range db.AllUserRoleValues() {
		p.Form.Roles = append(p.Form.Roles, views.Option{Value: string(r), Label: ui.RoleLabel(r), Selected: in.Role == string(r)})
	}
	for _, co := range companies {
		p.Form.Companies = append(p.Form.Companies, views.Option{Value: ui.Itoa(co.ID), Label: co.Name, Selected: in.Company == ui.Itoa(co.ID)})
	}
	return p, nil
}

// HandleUsers lists every account with its actions and the form for a new one.
func HandleUsers(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		p, err := usersPage(c, pool, userInput{Role: string(db.UserRolePartner)})
		if err != nil {
			return err
		}
		return ui.OK(c, "Users", views.UsersView(p))
	}
}

// userSnapshot is an account as the audit trail records it (never its password).
type userSnapshot struct {
	Name     string      `json:"name"`
	Email    string      `json:"email"`
	Role     db.UserRole `json:"role"`
	Disabled bool        `json:"disabled"`
}

// HandleCreateUser creates an account with an unusable password and shows, once, the link
// its owner sets a password with.
func HandleCreateUser(pool *pgxpool.Pool, hasher *auth.Hasher, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		actor := ui.UserFromContext(ctx)
		var in userInput
		errs := ui.BindForm(c, v, &in)
		if errs == nil && (in.Role == string(db.UserRolePartner)) != (in.Company != "") {
			errs = views.FieldErrors{"company": "Partner users belong to a company; other accounts to none."}
		}
		var link *views.ResetLink
		errs, err := ui.TransactForm(ctx, pool, errs, func(tq *db.Queries) error {
			var companyID *int64
			if in.Company != "" {
				n, _ := strconv.ParseInt(in.Company, 10, 64)
				companyID = &n
			}
			u, err := tq.CreateUser(ctx, db.CreateUserParams{Email: in.Email, Name: in.Name, Role: db.UserRole(in.Role),
				CompanyID: companyID, PasswordHash: hasher.Hash(auth.NewToken())})
			var pgErr *pgconn.PgError
			switch {
			case errors.As(err, &pgErr) && pgErr.ConstraintName == "users_email_key":
				return ui.FormErrors{"email": "An account with this e-mail exists already."}
			case errors.As(err, &pgErr) && pgErr.Code == "23503":
				return ui.FormErrors{"company": "Choose a company from the list."}
			case err != nil:
				return err
			}
			snap := userSnapshot{Name: u.Name, Email: u.Email, Role: u.Role}
			if err := audit.Write(ctx, tq, ui.When(c).Now, audit.UserEvent(actor.ID, audit.ActionUserCreate, u, nil, snap)); err != nil {
				return err
			}
			link, err = issueResetLink(ctx, tq, c, actor.ID, u)
			return err
		})
		if err != nil {
			return err
		}
		status := http.StatusOK
		if errs != nil {
			status = http.StatusUnprocessableEntity
		} else {
			in = userInput{Role: string(db.UserRolePartner)}
		}
		p, err := usersPage(c, pool, in)
		if err != nil {
			return err
		}
		p.Form.Errors, p.Form.Open, p.Link = errs, errs != nil, link
		return ui.Render(c, status, "Users", views.UsersView(p))
	}
}

// HandleUserStatus disables or enables an account. Disabling ends its sessions: the session
// loader refuses a disabled account on its next request, and its unused password links stop
// working.
func HandleUserStatus(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		actor := ui.UserFromContext(ctx)
		id, err := ui.PathID(c, "uid")
		if err != nil {
			return err
		}
		disable := c.FormValue("status") == "disabled"
		if !disable && c.FormValue("status") != "enabled" {
			return &ui.Error{Code: http.StatusUnprocessableEntity, Message: "Choose to enable or to disable the account."}
		}
		if disable && id == actor.ID {
			return &ui.Error{Code: http.StatusUnprocessableEntity, Message: "You cannot disable your own account."}
		}
		var name string
		err = db.Transact(ctx, pool, func(q *db.Queries) error {
			before, err := q.GetUserForUpdate(ctx, id)
			if errors.Is(err, pgx.ErrNoRows) {
				return echo.ErrNotFound
			}
			if err != nil {
				return err
			}
			name = before.Name
			if (before.DisabledAt != nil) == disable {
				return nil
			}
			now := ui.When(c).Now
			var at *time.Time
			action := audit.ActionUserEnable
			if disable {
				at, action = &now, audit.ActionUserDisable
				if err := q.BurnPasswordResetTokens(ctx, db.BurnPasswordResetTokensParams{UserID: id, At: &now}); err != nil {
					return err
				}
			}
			if _, err := q.SetUserDisabled(ctx, db.SetUserDisabledParams{ID: id, DisabledAt: at}); err != nil {
				return err
			}
			return audit.Write(ctx, q, now, audit.UserEvent(actor.ID, action, before, map[string]bool{"disabled": !disable}, map[string]bool{"disabled": disable}))
		})
		if err != nil {
			return err
		}
		msg := name + " is enabled and can sign in again."
		if disable {
			msg = name + " is disabled and signed out everywhere."
		}
		ui.AddFlash(ui.Sessions(c), ctx, "success", msg)
		return ui.Redirect(c, "/admin/users#user-"+ui.Itoa(id))
	}
}
