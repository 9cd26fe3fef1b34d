package partner

import (
	"errors"
	"io"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/web/pictures"
	"partnerportal/web/ui"
)

// readPicture reads the form's picture field and makes its renditions; a problem with the
// file is a message for the field (422), never an error.
func readPicture(c echo.Context, widths []int) ([]pictures.Rendition, string, error) {
	// a little over the limit, so a file just past it is told so rather than cut off
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, pictures.MaxBytes+64<<10)
	fh, err := c.FormFile("picture")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, pictures.ErrTooLarge.Error(), nil
		}
		return nil, "Choose a picture to upload.", nil
	}
	if fh.Size > pictures.MaxBytes {
		return nil, pictures.ErrTooLarge.Error(), nil
	}
	f, err := fh.Open()
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, pictures.MaxBytes+1))
	if err != nil {
		return nil, "", err
	}
	rs, err := pictures.Process(data, widths)
	if err != nil {
		return nil, err.Error(), nil
	}
	return rs, "", nil
}

// HandleAddProductPicture adds a picture to a product whose plan can be used: checked again
// under the plan's lock, with the product locked to count its pictures.
func HandleAddProductPicture(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := productFrom(c)
		if p.ArchivedAt != nil {
			return refuseArchived(c, p)
		}
		rs, problem, err := readPicture(c, pictures.ProductWidths)
		if err != nil {
			return err
		}
		if problem == "" {
			err = writeProduct(c, pool, p, func(q *db.Queries) error {
				return pictures.SaveProduct(c.Request().Context(), q, p.CompanyID, p.ID, rs, ui.When(c).Now)
			})
			if g, ok := refused(err); ok {
				return ui.Refuse(c, g)
			}
			if errors.Is(err, pictures.ErrFull) {
				problem, err = err.Error(), nil
			}
			if err != nil {
				return err
			}
		}
		if problem != "" {
			page, err := productPageOf(c, pool)
			if err != nil {
				return err
			}
			page.Pictures.Error = problem
			return ui.Render(c, http.StatusUnprocessableEntity, p.Name, productView(page))
		}
		return ui.FlashRedirect(c, "success", "Picture added to “"+p.Name+"”.", "/products/"+ui.Itoa(p.ID)+"#pictures")
	}
}

// HandleDeleteProductPicture removes one of a product's pictures while its plan can be used.
func HandleDeleteProductPicture(pool *pgxpool.Pool) echo.HandlerFunc {
	return func(c echo.Context) error {
		p := productFrom(c)
		if p.ArchivedAt != nil {
			return refuseArchived(c, p)
		}
		id, ok := ui.ParseID(c.Param("pid"))
		if !ok {
			return echo.ErrNotFound
		}
		var n int64
		err := writeProduct(c, pool, p, func(q *db.Queries) (err error) {
			n, err = q.DeleteProductPicture(c.Request().Context(), db.DeleteProductPictureParams{ID: id, ProductID: &p.ID, CompanyID: p.CompanyID})
			return err
		})
		if g, ok := refused(err); ok {
			return ui.Refuse(c, g)
		}
		if err != nil {
			return err
		}
		back := "/products/" + ui.Itoa(p.ID) + "#pictures"
		if n == 0 {
			// removed already, from another tab or by a second click
			return ui.FlashRedirect(c, "info", "That picture is no longer there.", back)
		}
		return ui.FlashRedirect(c, "success", "Picture removed from “"+p.Name+"”.", back)
	}
}
