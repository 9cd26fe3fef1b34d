package partner

import (
	"errors"
	"io"
	"net/http"
	"partnerportal/web/audit"
	"partnerportal/web/ui"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/devicedesign"
)

// HandleDuplicateDesign copies a design's current version into a new design, named
// "… (copy)", at version 1.
func HandleDuplicateDesign(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
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
		origin := "Copy of “" + doc.Name + "”, version " + strconv.Itoa(doc.Version)
		return copyDesign(c, pool, area, doc, d.version.ProductID, origin, audit.ActionDesignDuplicate)
	}
}

// copyDesign stores doc as a new design under the first free name made from its own, and
// shows it.
func copyDesign(c echo.Context, pool *pgxpool.Pool, area *ui.Area, doc devicedesign.Document, productID *int64, origin, action string) error {
	ctx := c.Request().Context()
	var newID int64
	err := designWrite(c, pool, area, func(q *db.Queries, serviceID int64) error {
		taken, err := q.ListCompanyDesignNames(ctx, *ui.UserFromContext(ctx).CompanyID)
		if err != nil {
			return err
		}
		doc.Name = freeDesignName(doc.Name, taken)
		newID, err = createDesign(c, q, serviceID, newDesign{doc: doc, productID: productID, origin: origin, note: origin, action: action})
		return err
	})
	if g, ok := refused(err); ok {
		return ui.Refuse(c, g)
	}
	if isDesignNameTaken(err) {
		// another copy took the free name in the same moment
		return &ui.Error{Code: http.StatusConflict, Message: "Another design was given that name at the same moment. Please try again.", Err: err}
	}
	if err != nil {
		return err
	}
	return ui.FlashRedirect(c, "success", "“"+doc.Name+"” is created. "+origin+".", designPath(newID))
}

// maxImportRequest bounds an import request: the file's limit and room for the form around it.
const maxImportRequest = devicedesign.MaxImportBytes + 64<<10

// HandleImportDesign reads an uploaded design file as a new design. Whatever the file holds,
// the answer is the design or the landing page listing the file's problems line by line.
func HandleImportDesign(pool *pgxpool.Pool, area *ui.Area) echo.HandlerFunc {
	return func(c echo.Context) error {
		refuse := func(status int, im views.DesignImport) error {
			page, err := designsPage(c, pool, area, im)
			if err != nil {
				return err
			}
			return ui.Render(c, status, area.Name, views.DesignsView(page))
		}
		req := c.Request()
		req.Body = http.MaxBytesReader(c.Response(), req.Body, maxImportRequest)
		fh, err := c.FormFile("file")
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return refuse(http.StatusRequestEntityTooLarge, views.DesignImport{Error: "The file is larger than 256 KB."})
		case err != nil:
			return refuse(http.StatusUnprocessableEntity, views.DesignImport{Error: "Choose a design file (.json) to import."})
		case fh.Size > devicedesign.MaxImportBytes:
			return refuse(http.StatusRequestEntityTooLarge, views.DesignImport{Error: "The file is larger than 256 KB."})
		}
		name := importFileName(fh.Filename)
		file, err := fh.Open()
		if err != nil {
			return refuse(http.StatusUnprocessableEntity, views.DesignImport{Error: "The file could not be read. Choose it again."})
		}
		defer file.Close()
		data, err := io.ReadAll(io.LimitReader(file, devicedesign.MaxImportBytes+1))
		if err != nil {
			return refuse(http.StatusUnprocessableEntity, views.DesignImport{Error: "The file could not be read. Choose it again."})
		}
		doc, problems := devicedesign.Parse(data)
		if problems != nil {
			im := views.DesignImport{FileName: name}
			for _, p := range problems {
				line := ""
				if p.Line > 0 {
					line = strconv.Itoa(p.Line)
				}
				im.Problems = append(im.Problems, views.ImportProblem{Line: line, Where: p.Location(), Message: p.Message})
			}
			return refuse(http.StatusUnprocessableEntity, im)
		}
		productID, err := importedProduct(c, pool, doc)
		if err != nil {
			return err
		}
		return copyDesign(c, pool, area, doc, productID, "Imported from "+name, audit.ActionDesignImport)
	}
}

// importedProduct links the company's hardware product with the slug the file names, if any.
func importedProduct(c echo.Context, pool *pgxpool.Pool, doc devicedesign.Document) (*int64, error) {
	if doc.Product == nil {
		return nil, nil
	}
	ctx := c.Request().Context()
	ids, err := db.New(pool).FindCompanyHardwareProductBySlug(ctx, db.FindCompanyHardwareProductBySlugParams{
		CompanyID: *ui.UserFromContext(ctx).CompanyID, Slug: doc.Product.Slug})
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	return &ids[0], nil
}

// importFileName is an uploaded file's base name, as clean text of at most 100 characters.
func importFileName(name string) string {
	name, _ = cleanText(filepath.Base(strings.ReplaceAll(name, "\\", "/")), false)
	name = clipText(strings.TrimSpace(name), 100)
	if name == "" || name == "." || name == "/" {
		return "a file"
	}
	return name
}
