package partner

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"net/http"
	"partnerportal/web/ui"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// The API keys page belongs to every partner user and no module: production keys report for
// production plans, which must work whatever DevLab's state.

type apiKeyForm struct {
	Name        string `form:"name" validate:"required,max=100"`
	Environment string `form:"environment" validate:"required,oneof=sandbox production"`
}

// newAPISecret makes a key: 256 random bits after a tag naming its environment. Only the
// sha256 of the whole secret is stored; prefix is what lists show.
func newAPISecret(env db.Environment) (secret, prefix string, hash []byte) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand panics rather than return an error)
	tag := "pp_sbx_"
	if env == db.EnvironmentProduction {
		tag = "pp_prd_"
	}
	secret = tag + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
	sum := sha256.Sum256([]byte(secret))
	return secret, secret[:len(tag)+8], sum[:]
}

// HandleAPIKeys lists the company's keys under the form that makes one.
func HandleAPIKeys(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := OwnersOnly(c, pool, "manage API keys"); err != nil {
			return err
		}
		p, err := apiKeysPage(c, pool, views.APIKeyForm{Environment: "sandbox"}, nil)
		if err != nil {
			return err
		}
		return ui.OK(c, "API keys", views.APIKeysView(p))
	}
}

// HandleCreateAPIKey makes a key and shows its secret once, in the answer itself: it is never
// stored (not even in the session for a flash), so there is no redirect after it.
func HandleCreateAPIKey(pool *pgxpool.Pool, v *validator.Validate) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		if err := OwnersOnly(c, pool, "manage API keys"); err != nil {
			return err
		}
		u := ui.UserFromContext(c.Request().Context())
		var f apiKeyForm
		errs := ui.BindForm(c, v, &f)
		form := views.APIKeyForm{Name: f.Name, Environment: f.Environment, Errors: errs}
		if errs != nil {
			return apiKeysAnswer(c, pool, http.StatusUnprocessableEntity, form, nil)
		}
		env := db.Environment(f.Environment)
		secret, prefix, hash := newAPISecret(env)
		if _, err := q.CreateAPIKey(c.Request().Context(), db.CreateAPIKeyParams{
			CompanyID: *u.CompanyID, Environment: env, Name: f.Name, Prefix: prefix,
			SecretHash: hash, CreatedBy: &u.ID, CreatedAt: ui.When(c).Now,
		}); err != nil {
			return err
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		created := &views.CreatedAPIKey{Name: f.Name, Environment: environmentLabel(env), Secret: secret}
		return apiKeysAnswer(c, pool, http.StatusOK, views.APIKeyForm{Environment: f.Environment}, created)
	}
}

// HandleRevokeAPIKey revokes one of the company's keys; requests with it fail from now on.
func HandleRevokeAPIKey(pool *pgxpool.Pool) echo.HandlerFunc {
	q := db.New(pool)
	return func(c echo.Context) error {
		u, id, err := ownersTarget(c, pool, "manage API keys", "id")
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		key, err := q.RevokeAPIKey(ctx, db.RevokeAPIKeyParams{Now: ui.When(c).Now, RevokedBy: &u.ID, ID: id, CompanyID: *u.CompanyID})
		if errors.Is(err, pgx.ErrNoRows) {
			return echo.ErrNotFound
		}
		if err != nil {
			return err
		}
		if ui.IsHTMX(c) {
			return apiKeysAnswer(c, pool, http.StatusOK, views.APIKeyForm{Environment: "sandbox"}, nil)
		}
		ui.AddFlash(ui.Sessions(c), ctx, "success", "Key “"+key.Name+"” revoked. Requests with it are refused from now on.")
		return ui.Redirect(c, "/api-keys")
	}
}

// apiKeysAnswer renders the keys panel for htmx, the whole page otherwise.
func apiKeysAnswer(c echo.Context, pool *pgxpool.Pool, status int, form views.APIKeyForm, created *views.CreatedAPIKey) error {
	p, err := apiKeysPage(c, pool, form, created)
	if err != nil {
		return err
	}
	if ui.IsHTMX(c) {
		return ui.RenderFragment(c, status, views.APIKeysPanel(p))
	}
	return ui.Render(c, status, "API keys", views.APIKeysView(p))
}

func apiKeysPage(c echo.Context, pool *pgxpool.Pool, form views.APIKeyForm, created *views.CreatedAPIKey) (views.APIKeysPage, error) {
	u := ui.UserFromContext(c.Request().Context())
	rows, err := db.New(pool).ListCompanyAPIKeys(c.Request().Context(), *u.CompanyID)
	if err != nil {
		return views.APIKeysPage{}, err
	}
	p := views.APIKeysPage{Form: form, Created: created, CSRF: ui.CSRFToken(c)}
	for _, r := range rows {
		row := views.APIKeyRow{ID: r.ID, Name: r.Name, Environment: environmentLabel(r.Environment), Prefix: r.Prefix,
			Created: ui.LongDate(r.CreatedAt), CreatedBy: r.CreatedByName, LastUsed: "Never",
			Status: views.Badge{Tone: "active", Icon: "✓", Label: "Active"}, Revocable: r.RevokedAt == nil}
		if r.LastUsedAt != nil {
			row.LastUsed = r.LastUsedAt.Format("2 Jan 2006 15:04")
		}
		if r.RevokedAt != nil {
			row.Status = views.Badge{Tone: "inactive", Icon: "✕", Label: "Revoked " + ui.LongDate(*r.RevokedAt)}
		}
		p.Keys = append(p.Keys, row)
	}
	return p, nil
}

// environmentLabel is an environment as pages write it.
func environmentLabel(env db.Environment) string {
	if env == db.EnvironmentProduction {
		return "Production"
	}
	return "Sandbox"
}
