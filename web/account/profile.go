package account

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
)

type nameInput struct {
	Name string `form:"name" validate:"required,max=200"`
}

// HandleSaveName changes the user's name, with its audit record; a name that is not one comes
// back in place with its message.
func (s *Self) HandleSaveName() echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		u, now := ui.UserFromContext(ctx), ui.When(c).Now
		var in nameInput
		if errs := ui.BindForm(c, s.Validate, &in); errs != nil {
			if errs["name"] == "This field is required." {
				errs["name"] = "Enter your name."
			}
			return s.render(c, http.StatusUnprocessableEntity, func(p *views.AccountPage) {
				p.NameForm = views.NameForm{Value: in.Name, Errors: errs}
			})
		}
		if in.Name == u.Name {
			return ui.FlashRedirect(c, "info", "Your name is already "+in.Name+": nothing changed.", "/account#profile")
		}
		err := db.Transact(ctx, s.Pool, func(q *db.Queries) error {
			if err := q.SetUserName(ctx, db.SetUserNameParams{ID: u.ID, Name: in.Name}); err != nil {
				return err
			}
			after := userOf(u)
			after.Name = in.Name
			return audit.Write(ctx, q, now, audit.UserEvent(u.ID, audit.ActionUserNameChange, after,
				map[string]string{"name": u.Name}, map[string]string{"name": in.Name}))
		})
		if err != nil {
			return err
		}
		return ui.FlashRedirect(c, "success", "Your name is now "+in.Name+".", "/account#profile")
	}
}
