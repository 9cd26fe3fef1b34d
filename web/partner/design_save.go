package partner

import (
	"errors"
	"net/http"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// createFromForm stores a new design from the designer.
func createFromForm(c echo.Context, pool *pgxpool.Pool, t editorTarget, f designForm, doc devicedesign.Document, productID *int64) error {
	var id int64
	err := designWrite(c, pool, t.area, func(q *db.Queries, serviceID int64) error {
		var err error
		id, err = createDesign(c, q, serviceID, newDesign{doc: doc, productID: productID, note: "Created", action: audit.ActionDesignCreate})
		return err
	})
	if errs, ok := designFormErrors(err, doc.Name); ok {
		return renderEditor(c, pool, t, http.StatusUnprocessableEntity, f, errs, opResult{})
	}
	if g, ok := refused(err); ok {
		return ui.Refuse(c, g)
	}
	if err != nil {
		return err
	}
	return ui.FlashRedirect(c, "success", "“"+doc.Name+"” is created as version 1.", designPath(id))
}

// saveVersion stores the designer's document as the design's next version, unless nothing
// changed or someone saved another version since the form was opened.
func saveVersion(c echo.Context, pool *pgxpool.Pool, t editorTarget, f designForm, doc devicedesign.Document, productID *int64) error {
	cur := t.current
	before, err := ui.DesignDocument(*cur)
	if err != nil {
		return err
	}
	expected, _ := strconv.ParseInt(f.Version, 10, 32)
	if int32(expected) == cur.CurrentVersion && len(devicedesign.Compare(before, doc)) == 0 {
		return ui.FlashRedirect(c, "info", "Nothing changed: “"+doc.Name+"” stays at version "+strconv.Itoa(int(cur.CurrentVersion))+".", designPath(cur.ID))
	}
	ctx := c.Request().Context()
	u := ui.UserFromContext(ctx)
	var version int32
	err = designWrite(c, pool, t.area, func(q *db.Queries, serviceID int64) error {
		var err error
		version, err = q.AdvanceDesign(ctx, db.AdvanceDesignParams{ID: cur.ID, CompanyID: *u.CompanyID,
			ExpectedVersion: int32(expected), Name: doc.Name, Now: ui.When(c).Now})
		if errors.Is(err, pgx.ErrNoRows) {
			return ui.FormErrors{"": "Someone saved a newer version of this design after you opened it, so yours was not saved. " +
				"Open the design again to see the current version, then make your changes there."}
		}
		if err != nil {
			return err
		}
		model, err := doc.Model.Stored()
		if err != nil {
			return err
		}
		n, err := q.CreateDesignVersion(ctx, db.CreateDesignVersionParams{DesignID: cur.ID, CompanyID: *u.CompanyID, Version: version,
			Name: doc.Name, Description: doc.Description, ProductID: productID, Protocol: db.DeviceProtocol(doc.Protocol),
			Authentication: db.DeviceAuthentication(doc.Authentication), Model: model, SavedBy: &u.ID, Now: ui.When(c).Now, Note: "Edited"})
		if err != nil {
			return err
		}
		if n == 0 {
			return ui.FormErrors{"product": "Choose one of your hardware products, or none."}
		}
		changes := devicedesign.Compare(before, doc)
		return audit.Write(ctx, q, ui.When(c).Now, designEvent(u.ID, *u.CompanyID, serviceID, audit.ActionDesignUpdate, doc.Name,
			map[string]any{"name": before.Name, "design_version": cur.CurrentVersion},
			map[string]any{"name": doc.Name, "design_version": version, "changes": changeSummary(changes)}))
	})
	if errs, ok := designFormErrors(err, doc.Name); ok {
		return renderEditor(c, pool, t, http.StatusUnprocessableEntity, f, errs, opResult{})
	}
	if g, ok := refused(err); ok {
		return ui.Refuse(c, g)
	}
	if err != nil {
		return err
	}
	return ui.FlashRedirect(c, "success", "“"+doc.Name+"” is saved as version "+strconv.Itoa(int(version))+".", designPath(cur.ID))
}

// designFormErrors are the field errors only the database could reveal in err: a name in use,
// a product that is not the company's, a concurrent save.
func designFormErrors(err error, name string) (views.FieldErrors, bool) {
	var fe ui.FormErrors
	switch {
	case errors.As(err, &fe):
		return views.FieldErrors(fe), true
	case isDesignNameTaken(err):
		return views.FieldErrors{"name": "Another of your designs is called “" + name + "”: choose another name."}, true
	}
	return nil, false
}

// changeSummary counts a comparison's changes by kind: "2 added, 1 changed".
func changeSummary(changes []devicedesign.Change) string {
	counts := map[string]int{}
	for _, ch := range changes {
		counts[ch.Kind]++
	}
	out := ""
	for _, k := range []string{"added", "removed", "changed", "reordered"} {
		if counts[k] == 0 {
			continue
		}
		if out != "" {
			out += ", "
		}
		out += strconv.Itoa(counts[k]) + " " + k
	}
	return out
}
