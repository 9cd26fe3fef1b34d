package pictures

import (
	"strconv"
	"strings"

	"partnerportal/db"
	"partnerportal/views"
)

// Set is the pictures of some products and the logos of some companies, ready for pages.
type Set struct {
	Products map[int64][]views.Picture
	Logos    map[int64]*views.Picture
}

// Of is a product's pictures among rows (ListPictureRenditions), named alt.
func Of(rows []db.ListPictureRenditionsRow, productID int64, alt string) []views.Picture {
	set := Set{Products: map[int64][]views.Picture{}, Logos: map[int64]*views.Picture{}}
	set.add(rows, map[int64]string{productID: alt}, nil)
	return set.Products[productID]
}

func (s Set) add(rows []db.ListPictureRenditionsRow, alt, logoAlt map[int64]string) {
	var cur *views.Picture
	var srcset []string
	flush := func(r *db.ListPictureRenditionsRow) {
		if cur == nil {
			return
		}
		cur.Srcset = strings.Join(srcset, ", ")
		if r.ProductID == nil {
			s.Logos[r.CompanyID] = cur
		} else {
			s.Products[*r.ProductID] = append(s.Products[*r.ProductID], *cur)
		}
		cur, srcset = nil, nil
	}
	for i := range rows {
		r := &rows[i]
		if cur == nil || cur.ID != r.PictureID {
			if i > 0 {
				flush(&rows[i-1])
			}
			name := logoAlt[r.CompanyID]
			if r.ProductID != nil {
				name = alt[*r.ProductID]
			}
			cur = &views.Picture{ID: r.PictureID, Src: URL(r.Hash, r.ContentType), Alt: name}
		}
		// renditions come smallest first: the last one read gives the picture's proportions
		cur.Width, cur.Height = int(r.Width), int(r.Height)
		srcset = append(srcset, URL(r.Hash, r.ContentType)+" "+strconv.Itoa(int(r.Width))+"w")
	}
	if len(rows) > 0 {
		flush(&rows[len(rows)-1])
	}
}

// URL is a rendition's address: its hash, and the extension of its type.
func URL(hash, contentType string) string {
	ext := ".jpg"
	if contentType == "image/png" {
		ext = ".png"
	}
	return "/pictures/" + hash + ext
}

// FromArrays groups renditions read as parallel arrays (picture ids, hashes, types, widths,
// heights, in the order picture_list is aggregated) into pictures named alt.
func FromArrays(ids []int64, hashes, types []string, widths, heights []int32, alt string) []views.Picture {
	rows := make([]db.ListPictureRenditionsRow, 0, len(ids))
	for i := range ids {
		if i >= len(hashes) || i >= len(types) || i >= len(widths) || i >= len(heights) {
			break
		}
		rows = append(rows, db.ListPictureRenditionsRow{PictureID: ids[i], ProductID: &ids[i], Width: widths[i], Height: heights[i],
			Hash: hashes[i], ContentType: types[i]})
	}
	set := Set{Products: map[int64][]views.Picture{}, Logos: map[int64]*views.Picture{}}
	var out []views.Picture
	set.add(rows, nil, nil)
	// every row was filed under its own picture id; put them back in the arrays' order
	seen := map[int64]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			for _, p := range set.Products[id] {
				p.Alt = alt
				out = append(out, p)
			}
		}
	}
	return out
}

// LogoOf is the company's logo among rows (ListPictureRenditions), nil when it has none.
func LogoOf(rows []db.ListPictureRenditionsRow, companyID int64, alt string) *views.Picture {
	set := Set{Products: map[int64][]views.Picture{}, Logos: map[int64]*views.Picture{}}
	set.add(rows, nil, map[int64]string{companyID: alt})
	return set.Logos[companyID]
}
