package seed

import (
	"context"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"sync"
	"time"

	"partnerportal/db"
	"partnerportal/web/pictures"
)

// seedPictures gives the demo listings a picture and the companies their logos, drawn here
// rather than downloaded, so the demo works offline and is the same every time.
func seedPictures(ctx context.Context, q *db.Queries, companies, products map[string]int64, now time.Time) error {
	for name, id := range companies {
		if err := q.DeleteDemoPictures(ctx, id); err != nil {
			return fmt.Errorf("reset the pictures of %s: %w", name, err)
		}
		if _, ok := demoProfiles[name]; !ok {
			continue
		}
		rs, err := drawn(pictures.LogoWidths, func(w int) *image.RGBA { return logoImage(name, w) })
		if err != nil {
			return err
		}
		if err := pictures.SaveLogo(ctx, q, id, rs, now); err != nil {
			return fmt.Errorf("logo of %s: %w", name, err)
		}
	}
	drawings, err := demoDrawings()
	if err != nil {
		return err
	}
	for _, l := range demoListings {
		if !l.listed {
			continue
		}
		key := l.company + "/" + l.slug
		if err := pictures.SaveProduct(ctx, q, companies[l.company], products[key], drawings[key], now); err != nil {
			return fmt.Errorf("picture of %s: %w", key, err)
		}
	}
	return nil
}

// demoDrawings are the listed demo products' pictures by "company/slug", drawn once per
// process: they never change, and tests seed many databases.
var demoDrawings = sync.OnceValues(func() (map[string][]pictures.Rendition, error) {
	out := map[string][]pictures.Rendition{}
	for _, l := range demoListings {
		if !l.listed {
			continue
		}
		key := l.company + "/" + l.slug
		rs, err := drawn(pictures.ProductWidths[:2], func(w int) *image.RGBA { return productImage(key, w) })
		if err != nil {
			return nil, err
		}
		out[key] = rs
	}
	return out, nil
})

// drawn makes a rendition at each width by drawing the picture at that width: cheaper than
// resizing one large drawing, and tests seed often. The demo's pictures stop at 640 px.
func drawn(widths []int, draw func(width int) *image.RGBA) ([]pictures.Rendition, error) {
	out := make([]pictures.Rendition, 0, len(widths))
	for _, w := range widths {
		r, err := pictures.Encode(draw(w))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// palette picks two colours from a name, so each product keeps its look from seed to seed.
func palette(name string) (color.RGBA, color.RGBA) {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	v := h.Sum32()
	base := color.RGBA{uint8(40 + v%120), uint8(80 + (v>>8)%120), uint8(90 + (v>>16)%120), 255}
	return base, color.RGBA{base.B / 2, base.R / 2, base.G / 2, 255}
}

// productImage is a 3:2 picture w pixels wide: a diagonal gradient with a device-like panel
// and a few "readings", varied by the name. Rows are copied from one strip of the gradient.
func productImage(name string, w int) *image.RGBA {
	variant := int(name[len(name)-1]) % 2
	h := w * 2 / 3
	u := func(n int) int { return n * w / 640 } // the drawing is laid out for 640 px
	a, b := palette(name)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	strip := make([]byte, 4*(w+h))
	for i := range w + h {
		t := float64(i) / float64(w+h)
		copy(strip[4*i:], []byte{mix(a.R, b.R, t), mix(a.G, b.G, t), mix(a.B, b.B, t), 255})
	}
	for y := range h {
		copy(img.Pix[y*img.Stride:], strip[4*y:4*(y+w)])
	}
	panel := image.Rect(u(160-variant*50), u(95), u(480+variant*50), u(330))
	fill(img, panel, color.RGBA{250, 250, 248, 255})
	for i := range 4 + variant*2 {
		bar := image.Rect(panel.Min.X+u(26+i*40), panel.Max.Y-u(40+(i*25+variant*15)%130), panel.Min.X+u(52+i*40), panel.Max.Y-u(26))
		fill(img, bar, a)
	}
	return img
}

// logoImage is a square mark w pixels wide: a disc on a square in the company's colours.
func logoImage(name string, w int) *image.RGBA {
	a, b := palette(name)
	img := image.NewRGBA(image.Rect(0, 0, w, w))
	fill(img, img.Bounds(), b)
	c, r := w/2, w*90/256
	for y := range w {
		dy := y - c
		for x := range w {
			if dx := x - c; dx*dx+dy*dy < r*r {
				copy(img.Pix[y*img.Stride+4*x:], []byte{a.R, a.G, a.B, 255})
			}
		}
	}
	return img
}

// fill paints r with c, one row built once and copied to the others.
func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return
	}
	row := make([]byte, 4*r.Dx())
	for i := 0; i < len(row); i += 4 {
		row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, c.A
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(img.Pix[y*img.Stride+4*r.Min.X:], row)
	}
}

func mix(a, b uint8, t float64) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t) }
