package account

import (
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/auth"
	"partnerportal/web/jobs"
	"partnerportal/web/ui"
)

// signupLinkLifetime is how long a link to finish a sign-up works.
const signupLinkLifetime = 24 * time.Hour

// signupSent is the one answer to every well-formed sign-up, so that it never tells whether
// the address has an account: the mail says which it is.
const signupSent = "Check your mail: we have sent a message to that address. If it is new to us, the message has a link to finish creating your account (it works for 24 hours); if it already has an account, the message says how to sign in. Nothing arrived? Check the address and try again later."

// HandleSignupPage asks a visitor for the address to create a customer account for.
func HandleSignupPage() echo.HandlerFunc {
	return func(c echo.Context) error {
		return ui.OK(c, "Create an account", views.SignupPage(views.SignupForm{Next: ui.SafeNext(c.QueryParam("next")), CSRF: ui.CSRFToken(c)}))
	}
}

type signupForm struct {
	Email string `form:"email" validate:"required,email,max=254"`
	Next  string `form:"next"`
}

// HandleSignup sends the address a link to finish creating a customer account or, when it has
// an account already, a message saying so with the ways in. The answer is the same either way.
// Requests are throttled per address and per client, as for password links, so nobody can
// flood an inbox or probe addresses in bulk; no password is hashed until the link is used.
func HandleSignup(pool *pgxpool.Pool, jq *jobs.Queue, throttle *auth.Throttle, v *validator.Validate) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		var f signupForm
		errs := ui.BindForm(c, v, &f)
		page := views.SignupForm{Email: f.Email, Next: ui.SafeNext(f.Next), CSRF: ui.CSRFToken(c), Errors: errs}
		if errs != nil {
			return ui.Render(c, http.StatusUnprocessableEntity, "Create an account", views.SignupPage(page))
		}
		now := ui.When(c).Now
		if _, wait := throttle.Allow(f.Email, c.RealIP(), "", now); wait > 0 {
			page.Errors = views.FieldErrors{"": "Too many requests to create an account. Wait " + retryAfter(c, wait) + " and try again."}
			return ui.Render(c, http.StatusTooManyRequests, "Create an account", views.SignupPage(page))
		}
		err := db.Transact(ctx, pool, func(q *db.Queries) error {
			u, err := q.GetUserByEmail(ctx, f.Email)
			switch {
			case errors.Is(err, pgx.ErrNoRows):
				return sendSignupLink(c, q, jq, f.Email, page.Next, now)
			case err != nil:
				return err
			case u.DisabledAt != nil:
				return nil // a disabled account is its account manager's to reopen
			}
			return sendAccountExists(c, q, jq, u, now)
		})
		if err != nil {
			return err
		}
		return ui.OK(c, "Create an account", views.SignupPage(views.SignupForm{Sent: signupSent}))
	}
}

// sendSignupLink replaces the address's earlier links with a new one, which remembers where
// the visitor was going and their cart, and writes the e-mail that carries it.
func sendSignupLink(c echo.Context, q *db.Queries, jq *jobs.Queue, email, next string, now time.Time) error {
	ctx := c.Request().Context()
	token := auth.NewToken()
	if err := q.BurnSignupLinks(ctx, db.BurnSignupLinksParams{Email: email, At: &now}); err != nil {
		return err
	}
	var cart *string
	if key := ui.Sessions(c).GetString(ctx, ui.SessionCartKey); key != "" {
		cart = &key
	}
	if err := q.CreateSignupLink(ctx, db.CreateSignupLinkParams{TokenHash: auth.TokenHash(token), Email: email, NextPath: next,
		CartKey: cart, CreatedAt: now, ExpiresAt: now.Add(signupLinkLifetime)}); err != nil {
		return err
	}
	return jq.Mail(ctx, q, jobs.Mail{
		Key: "signup:" + hex.EncodeToString(auth.TokenHash(token)), Kind: "signup", To: email,
		Subject: "Finish creating your Partner Portal account",
		View: views.MailView{
			Heading: "Finish creating your account",
			Lines: []string{
				"Someone (we hope you) asked to create a customer account of the Partner Portal's Solutions Hub for " + email + ".",
				"The link works once, for 24 hours. If you did not ask for it, ignore this message: no account is made.",
			},
			ActionLabel: "Finish creating your account", ActionURL: "/signup/" + token,
		},
	})
}

// sendAccountExists tells the owner of an account that someone asked to create one for its
// address, and how to get in.
func sendAccountExists(c echo.Context, q *db.Queries, jq *jobs.Queue, u db.User, now time.Time) error {
	uid := u.ID
	return jq.Mail(c.Request().Context(), q, jobs.Mail{
		Key: "signup-exists:" + auth.NewToken(), Kind: "signup", UserID: &uid, To: u.Email, ToName: u.Name,
		Subject: "You already have a Partner Portal account",
		View: views.MailView{
			Greeting: "Hello " + u.Name + ",",
			Heading:  "You already have an account",
			Lines: []string{
				"Someone (we hope you) asked on " + ui.LongDate(now) + " to create an account for " + u.Email + ", which has one already. Sign in with it below.",
				"Forgotten your password? Choose “Forgot your password?” on the sign-in page to get a link that sets a new one.",
				"If you did not ask, ignore this message: nothing has changed.",
			},
			ActionLabel: "Sign in", ActionURL: "/login?email=" + urlQuery(u.Email),
		},
	})
}
