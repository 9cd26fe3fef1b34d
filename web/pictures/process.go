package pictures

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// What an upload may be.
const (
	MaxBytes = 5 << 20
	// maxPixels refuses an image whose header promises more pixels than a photo needs, before
	// decoding it: a small file can claim an enormous canvas.
	maxPixels = 40_000_000
)

// Widths are the renditions' widths: product pictures for cards, listing pages and wide
// screens; logos for the Hub's company line and listing pages.
var (
	ProductWidths = []int{320, 640, 1280}
	LogoWidths    = []int{64, 128, 256}
)

// Problems an upload can have, in the words the form shows.
var (
	ErrTooLarge = errors.New("The picture is larger than 5 MB.")
	ErrType     = errors.New("The picture must be a PNG, JPEG or WebP image.")
	ErrBroken   = errors.New("The picture could not be read: the file is damaged or not an image.")
	ErrHuge     = errors.New("The picture has too many pixels; 40 megapixels at most.")
)

// Rendition is one stored size of a picture.
type Rendition struct {
	Width, Height int
	ContentType   string
	Data          []byte
	// Hash is the sha256 of Data in hex: its address, so a changed picture gets a new one.
	Hash string
}

// Sniff reports the type of data as read from its bytes (never from a name or header the
// client sent), or ErrType.
func Sniff(data []byte) (string, error) {
	switch t := http.DetectContentType(data); t {
	case "image/png", "image/jpeg", "image/webp":
		return t, nil
	}
	return "", ErrType
}

// Process checks an upload and makes its renditions at widths, never wider than the original.
func Process(data []byte, widths []int) ([]Rendition, error) {
	if len(data) > MaxBytes {
		return nil, ErrTooLarge
	}
	kind, err := Sniff(data)
	if err != nil {
		return nil, err
	}
	var cfg image.Config
	var decode func([]byte) (image.Image, error)
	switch kind {
	case "image/png":
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
		decode = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
	case "image/jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
		decode = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
	default:
		cfg, err = webp.DecodeConfig(bytes.NewReader(data))
		decode = func(b []byte) (image.Image, error) { return webp.Decode(bytes.NewReader(b)) }
	}
	if err != nil || cfg.Width < 1 || cfg.Height < 1 {
		return nil, ErrBroken
	}
	if cfg.Width*cfg.Height > maxPixels {
		return nil, ErrHuge
	}
	img, err := decode(data)
	if err != nil {
		return nil, ErrBroken
	}
	return Renditions(img, widths)
}

// Renditions resizes img to each width (keeping its proportions; an image narrower than a
// width gives one rendition at its own width) and encodes it: PNG when it has transparency,
// JPEG otherwise.
func Renditions(img image.Image, widths []int) ([]Rendition, error) {
	b := img.Bounds()
	var out []Rendition
	for _, w := range widths {
		if w > b.Dx() {
			w = b.Dx()
		}
		if len(out) > 0 && out[len(out)-1].Width == w {
			break
		}
		h := max(1, b.Dy()*w/b.Dx())
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
		r, err := Encode(dst)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Encode makes a rendition of img as it is: PNG when it has transparency, JPEG otherwise.
func Encode(img *image.RGBA) (Rendition, error) {
	var buf bytes.Buffer
	kind := "image/jpeg"
	if opaque(img) {
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 82}); err != nil {
			return Rendition{}, err
		}
	} else {
		kind = "image/png"
		if err := png.Encode(&buf, img); err != nil {
			return Rendition{}, err
		}
	}
	sum := sha256.Sum256(buf.Bytes())
	b := img.Bounds()
	return Rendition{Width: b.Dx(), Height: b.Dy(), ContentType: kind, Data: buf.Bytes(), Hash: hex.EncodeToString(sum[:])}, nil
}

func opaque(img *image.RGBA) bool {
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] != 0xff {
			return false
		}
	}
	return true
}
