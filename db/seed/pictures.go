package seed

import (
	"context"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"time"

	"partnerportal/db"
	"partnerportal/web/pictures"
)

// seedPictures draws the demo listings their pictures and the companies their logos: made
// here rather than downloaded, so the demo works offline and is the same every time. Each
// listed product gets two pictures, in its company's colours.
func seedPictures(ctx context.Context, q *db.Queries, companies, products map[string]int64, now time.Time) error {
	for name, id := range companies {
		if err := q.DeleteDemoPictures(ctx, id); err != nil {
			return fmt.Errorf("reset the pictures of %s: %w", name, err)
		}
		if _, ok := demoProfiles[name]; !ok {
			continue
		}
		rs, err := pictures.Renditions(logoImage(name), pictures.LogoWidths)
		if err != nil {
			return err
		}
		if err := pictures.SaveLogo(ctx, q, id, rs, now); err != nil {
			return fmt.Errorf("logo of %s: %w", name, err)
		}
	}
	for _, l := range demoListings {
		if !l.listed {
			continue
		}
		for variant := range 2 {
			rs, err := pictures.Renditions(productImage(l.company+"/"+l.slug, variant), pictures.ProductWidths)
			if err != nil {
				return err
			}
			if err := pictures.SaveProduct(ctx, q, companies[l.company], products[l.company+"/"+l.slug], rs, now); err != nil {
				return fmt.Errorf("picture of %s/%s: %w", l.company, l.slug, err)
			}
		}
	}
	return nil
}

// palette picks two colours from a name, so each product keeps its look from seed to seed.
func palette(name string) (color.RGBA, color.RGBA) {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	v := h.Sum32()
	base := color.RGBA{uint8(40 + v%120), uint8(80 + (v>>8)%120), uint8(90 + (v>>16)%120), 255}
	return base, color.RGBA{base.B / 2, base.R / 2, base.G / 2, 255}
}

// productImage is a 960 × 640 picture: a diagonal gradient with a device-like rounded panel
// and a few "readings", varied by variant.
func productImage(name string, variant int) image.Image {
	const w, h = 960, 640
	a, b := palette(name)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			t := float64(x+y) / float64(w+h)
			img.SetRGBA(x, y, color.RGBA{mix(a.R, b.R, t), mix(a.G, b.G, t), mix(a.B, b.B, t), 255})
		}
	}
	panel := image.Rect(240-variant*80, 140, 720+variant*80, 500)
	fill(img, panel, color.RGBA{250, 250, 248, 255})
	for i := range 4 + variant*2 {
		bar := image.Rect(panel.Min.X+40+i*60, panel.Max.Y-60-(i*37+variant*23)%200, panel.Min.X+80+i*60, panel.Max.Y-40)
		fill(img, bar, a)
	}
	return img
}

// logoImage is a 256 × 256 mark: a disc on a square in the company's colours.
func logoImage(name string) image.Image {
	a, b := palette(name)
	img := image.NewRGBA(image.Rect(0, 0, 256, 256))
	fill(img, img.Bounds(), b)
	for y := range 256 {
		for x := range 256 {
			if dx, dy := x-128, y-128; dx*dx+dy*dy < 90*90 {
				img.SetRGBA(x, y, a)
			}
		}
	}
	return img
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}

func mix(a, b uint8, t float64) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t) }
