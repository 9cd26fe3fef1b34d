package pictures

import (
	"bytes"
	"encoding/base64"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

func testImage(w, h int, alpha uint8) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = alpha
	}
	img.SetRGBA(0, 0, color.RGBA{1, 2, 3, alpha})
	return img
}

func encoded(t *testing.T, img image.Image, kind string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	if kind == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tinyWebP is a 1 × 1 lossless WebP: the bytes browsers' feature tests use.
var tinyWebP, _ = base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")

func TestProcessSniffsAndResizes(t *testing.T) {
	opaque := testImage(2000, 1000, 255)
	tests := []struct {
		name      string
		data      []byte
		widths    []int
		wantErr   error
		wantSizes [][2]int
		wantType  string
	}{
		{"a JPEG is resized to each width, proportions kept", encoded(t, opaque, "jpeg"), ProductWidths, nil,
			[][2]int{{320, 160}, {640, 320}, {1280, 640}}, "image/jpeg"},
		{"a transparent PNG stays PNG", encoded(t, testImage(300, 300, 128), "png"), LogoWidths, nil,
			[][2]int{{64, 64}, {128, 128}, {256, 256}}, "image/png"},
		{"never wider than the original", encoded(t, testImage(500, 250, 255), "png"), ProductWidths, nil,
			[][2]int{{320, 160}, {500, 250}}, "image/jpeg"},
		{"WebP is read", tinyWebP, LogoWidths, nil, [][2]int{{1, 1}}, ""},
		{"a PNG named .jpg is judged by its bytes", encoded(t, opaque, "png")[:64], ProductWidths, ErrBroken, nil, ""},
		{"text is not a picture", []byte("<svg xmlns='http://www.w3.org/2000/svg'></svg>"), ProductWidths, ErrType, nil, ""},
		{"a GIF is not taken", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), ProductWidths, ErrType, nil, ""},
		{"over 5 MB", make([]byte, MaxBytes+1), ProductWidths, ErrTooLarge, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := Process(tt.data, tt.widths)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if len(rs) != len(tt.wantSizes) {
				t.Fatalf("%d renditions, want %d", len(rs), len(tt.wantSizes))
			}
			for i, r := range rs {
				if r.Width != tt.wantSizes[i][0] || r.Height != tt.wantSizes[i][1] {
					t.Errorf("rendition %d is %d × %d, want %v", i, r.Width, r.Height, tt.wantSizes[i])
				}
				if tt.wantType != "" && r.ContentType != tt.wantType {
					t.Errorf("rendition %d is %s, want %s", i, r.ContentType, tt.wantType)
				}
				cfg, _, err := image.DecodeConfig(bytes.NewReader(r.Data))
				if err != nil || cfg.Width != r.Width || cfg.Height != r.Height {
					t.Errorf("rendition %d decodes as %d × %d (%v)", i, cfg.Width, cfg.Height, err)
				}
				if len(r.Hash) != 64 {
					t.Errorf("hash %q", r.Hash)
				}
			}
		})
	}
}
