package partner

import (
	"strconv"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// checkedDesign turns the form into a document and applies the rules, the product included:
// errs holds every problem under its field, nil when there is none.
func checkedDesign(c echo.Context, pool *pgxpool.Pool, t editorTarget, f designForm, errs views.FieldErrors) (devicedesign.Document, *int64, views.FieldErrors, error) {
	doc, convErrs, rowOf := formDocument(f)
	if errs == nil {
		errs = views.FieldErrors{}
	}
	for k, v := range convErrs {
		if _, ok := errs[k]; !ok {
			errs[k] = v
		}
	}
	var productID *int64
	if f.Product != "" {
		var keep *int64
		if t.current != nil {
			keep = t.current.ProductID
		}
		products, err := productChoices(c, pool, keep)
		if err != nil {
			return doc, nil, nil, err
		}
		id, _ := strconv.ParseInt(f.Product, 10, 64)
		for _, p := range products {
			if p.ID == id {
				productID = &p.ID
				doc.Product = &devicedesign.ProductRef{Slug: p.Slug, Name: p.Name}
			}
		}
		if productID == nil {
			errs["product"] = "Choose one of your hardware products, or none."
		}
	}
	if t.current != nil {
		doc.Version = int(t.current.CurrentVersion) + 1
	} else {
		doc.Version = 1
	}
	errs = problemFields(devicedesign.Check(doc), rowOf, errs)
	if len(errs) == 0 {
		errs = nil
	}
	return doc, productID, errs, nil
}
