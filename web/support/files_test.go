package support

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
)

func TestAcceptedReadsTheTypeFromTheBytes(t *testing.T) {
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want string // "" when refused
	}{
		{"a PNG", img.Bytes(), "image/png"},
		{"a JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"), "image/jpeg"},
		{"a PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "application/pdf"},
		{"a log", []byte("2026-11-25 09:00 started\n2026-11-25 09:01 ready\n"), "text/plain; charset=utf-8"},
		{"a CSV export", []byte("device,reading\ngw-1,21.5\ngw-2,22.0\n"), "text/csv"},
		{"JSON lines", []byte("{\"level\":\"info\"}\n{\"level\":\"warn\"}\n"), "application/x-ndjson"},
		{"a log that looks like a script", []byte("#!/bin/sh\necho started\n"), "text/plain; charset=utf-8"},
		{"an HTML page", []byte("<!DOCTYPE html><html><body>hi</body></html>"), ""},
		{"HTML without a doctype", []byte("<script>alert(1)</script>"), ""},
		{"an SVG image", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), ""},
		{"XML", []byte(`<?xml version="1.0"?><a/>`), ""},
		{"a zip archive", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), ""},
		{"an executable", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, ok := Accepted(tt.data)
			if ok != (tt.want != "") || got != tt.want {
				t.Errorf("Accepted = %q, %v; want %q", got, ok, tt.want)
			}
		})
	}
}

func TestCleanNameKeepsANameThatMatchesItsBytes(t *testing.T) {
	tests := []struct{ name, contentType, want string }{
		{"screen.png", "image/png", "screen.png"},
		{"SCREEN.JPEG", "image/jpeg", "SCREEN.JPEG"},
		{"photo.html", "image/png", "photo.html.png"},
		{"C:\\Users\\anna\\report.pdf", "application/pdf", "report.pdf"},
		{"../../etc/passwd", "text/plain; charset=utf-8", "passwd.txt"},
		{"gateway.log", "text/plain; charset=utf-8", "gateway.log"},
		{"readings", "text/csv", "readings.csv"},
		{"bell\a\"name\".log", "text/plain", "bellname.log"},
		{"", "image/gif", "attachment.gif"},
		{"caf\xe9.txt", "text/plain", "caf.txt"},
		{strings.Repeat("x", 300) + ".pdf", "application/pdf", strings.Repeat("x", 116) + ".pdf"},
	}
	for _, tt := range tests {
		if got := CleanName(tt.name, tt.contentType); got != tt.want {
			t.Errorf("CleanName(%q, %q) = %q, want %q", tt.name, tt.contentType, got, tt.want)
		}
	}
}
