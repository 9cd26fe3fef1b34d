package partner

import (
	"fmt"
	"net/http"
	"partnerportal/web/ui"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
)

// editorTarget is the design a designer form edits: none for a new one.
type editorTarget struct {
	area    *ui.Area
	current *db.GetCompanyDesignVersionRow
}

func (t editorTarget) action() string {
	if t.current == nil {
		return "/expressconnect/designs"
	}
	return designPath(t.current.ID)
}

func (t editorTarget) cancel() string {
	if t.current == nil {
		return t.area.Path
	}
	return designPath(t.current.ID)
}

// productChoices reads the hardware products a design may link (keeping the one it links).
func productChoices(c echo.Context, pool *pgxpool.Pool, keep *int64) ([]db.ListDesignProductChoicesRow, error) {
	ctx := c.Request().Context()
	rows, err := db.New(pool).ListDesignProductChoices(ctx, db.ListDesignProductChoicesParams{CompanyID: *ui.UserFromContext(ctx).CompanyID, KeepID: keep})
	if err != nil {
		return nil, fmt.Errorf("list products for a design: %w", err)
	}
	return rows, nil
}

// renderEditor answers the designer: the form alone in place for htmx, else the whole page.
func renderEditor(c echo.Context, pool *pgxpool.Pool, t editorTarget, status int, f designForm, errs views.FieldErrors, res opResult) error {
	var keep *int64
	if t.current != nil {
		keep = t.current.ProductID
	}
	products, err := productChoices(c, pool, keep)
	if err != nil {
		return err
	}
	e := editorView(f, errs, products, res)
	e.Action, e.CancelURL, e.New, e.CSRF = t.action(), t.cancel(), t.current == nil, ui.CSRFToken(c)
	acc := ui.AreaAccess(c)
	e.ReadOnly = !acc.State.CanUse()
	if ui.IsHTMX(c) {
		if res.choicesOnly {
			return ui.RenderFragment(c, status, views.DesignFlowChoices(e))
		}
		return ui.RenderFragment(c, status, views.DesignEditorForm(e))
	}
	heading := "New device design"
	if t.current != nil {
		heading = "Edit " + t.current.Name
	}
	return ui.Render(c, status, heading, views.DesignEditorView(views.DesignEditorPage{Area: ui.AreaPageOf(t.area, acc), Heading: heading, Editor: e}))
}

// HandleNewDesign is the designer for a new design, with one attribute to start from.
func HandleNewDesign(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		f := designForm{Protocol: "mqtt", Authentication: "x509", Attributes: []attributeRow{{Type: "number"}}}
		return renderEditor(c, pool, editorTarget{area: area}, http.StatusOK, f, nil, opResult{})
	}
}

// HandleEditDesign is the designer filled with a design's current version.
func HandleEditDesign(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := designID(c)
		if err != nil {
			return err
		}
		d, err := loadDesign(c, pool, id, nil, false)
		if err != nil {
			return err
		}
		doc, err := ui.DesignDocument(d.version)
		if err != nil {
			return err
		}
		f := storedForm(doc, d.version.ProductID, d.version.Version)
		return renderEditor(c, pool, editorTarget{area: area, current: &d.version}, http.StatusOK, f, nil, opResult{})
	}
}

// HandleCreateDesign answers the new-design form: a row action re-renders it, Save creates the
// design at version 1.
func HandleCreateDesign(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		return postDesign(c, pool, editorTarget{area: area})
	}
}

// HandleSaveDesign answers a design's designer form: a row action re-renders it, Save stores
// a new version.
func HandleSaveDesign(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := designID(c)
		if err != nil {
			return err
		}
		d, err := loadDesign(c, pool, id, nil, false)
		if err != nil {
			return err
		}
		return postDesign(c, pool, editorTarget{area: area, current: &d.version})
	}
}

// postDesign reads the posted designer and does what its op asks.
func postDesign(c echo.Context, pool *pgxpool.Pool, t editorTarget) error {
	params, err := c.FormParams()
	if err != nil {
		return &ui.Error{Code: http.StatusBadRequest, Message: "The form could not be read.", Err: err}
	}
	f, errs := readDesignForm(params)
	op := params.Get("op")
	if op != "" && op != "save" {
		res, ok := applyOp(&f, op)
		if !ok {
			return &ui.Error{Code: http.StatusBadRequest, Message: "That designer action is not known."}
		}
		return renderEditor(c, pool, t, http.StatusOK, f, errs, res)
	}
	doc, productID, errs, err := checkedDesign(c, pool, t, f, errs)
	if err != nil {
		return err
	}
	if errs != nil {
		return renderEditor(c, pool, t, http.StatusUnprocessableEntity, f, errs, opResult{announce: "The design was not saved: correct the fields marked."})
	}
	if t.current == nil {
		return createFromForm(c, pool, t, f, doc, productID)
	}
	return saveVersion(c, pool, t, f, doc, productID)
}
