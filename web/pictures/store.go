package pictures

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"partnerportal/db"
)

// MaxPerProduct is how many pictures one product may have.
const MaxPerProduct = 5

// ErrFull refuses a picture beyond MaxPerProduct.
var ErrFull = errors.New("This product has 5 pictures already: remove one to add another.")

// ErrNoProduct is a product that is not the company's.
var ErrNoProduct = errors.New("no such product of the company")

// SaveProduct stores rs as the product's next picture, in the caller's transaction. The
// product's row is locked first, so two uploads at once cannot both take the last place.
func SaveProduct(ctx context.Context, q *db.Queries, companyID, productID int64, rs []Rendition, now time.Time) error {
	if _, err := q.LockProductForPictures(ctx, db.LockProductForPicturesParams{ID: productID, CompanyID: companyID}); errors.Is(err, pgx.ErrNoRows) {
		return ErrNoProduct
	} else if err != nil {
		return err
	}
	n, err := q.CountProductPictures(ctx, &productID)
	if err != nil {
		return err
	}
	if n >= MaxPerProduct {
		return ErrFull
	}
	return save(ctx, q, companyID, &productID, rs, now)
}

// SaveLogo replaces the company's logo with rs, in the caller's transaction.
func SaveLogo(ctx context.Context, q *db.Queries, companyID int64, rs []Rendition, now time.Time) error {
	if err := q.DeleteCompanyLogo(ctx, companyID); err != nil {
		return err
	}
	return save(ctx, q, companyID, nil, rs, now)
}

func save(ctx context.Context, q *db.Queries, companyID int64, productID *int64, rs []Rendition, now time.Time) error {
	id, err := q.CreatePicture(ctx, db.CreatePictureParams{CompanyID: companyID, ProductID: productID, CreatedAt: now})
	if err != nil {
		return err
	}
	for _, r := range rs {
		if err := q.CreatePictureRendition(ctx, db.CreatePictureRenditionParams{PictureID: id, Width: int32(r.Width),
			Height: int32(r.Height), ContentType: r.ContentType, Hash: r.Hash, Data: r.Data}); err != nil {
			return err
		}
	}
	return nil
}
