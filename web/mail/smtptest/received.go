package smtptest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"slices"
	"strings"
)

// Received is one accepted message: its envelope, its bytes, and what a mail client would
// make of them.
type Received struct {
	// From and To are the envelope (MAIL FROM, RCPT TO), not the headers.
	From string
	To   []string
	Raw  []byte
	// Header is the top-level header, undecoded as sent.
	Header mail.Header
	// Subject is the Subject header with RFC 2047 words decoded.
	Subject string
	// Text and HTML are the first text/plain and text/html parts, transfer-decoded, with
	// line endings turned from CRLF into "\n".
	Text string
	HTML string
	// Parts lists every leaf part in order, to check the MIME structure.
	Parts []Part
}

// Part is one leaf of the MIME tree.
type Part struct {
	MediaType string // "text/plain"
	Charset   string // the charset parameter, as sent
	Encoding  string // the Content-Transfer-Encoding, as sent
	Body      string // transfer-decoded, CRLF turned into "\n"
}

// parse reads a message with the standard library only, so the test server does not share
// a MIME implementation, and its mistakes, with the sender.
func parse(from string, to []string, raw []byte) (Received, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Received{}, err
	}
	r := Received{From: from, To: slices.Clone(to), Raw: raw, Header: msg.Header}
	if r.Subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return Received{}, fmt.Errorf("subject: %w", err)
	}
	if err := r.walk(textproto.MIMEHeader(msg.Header), msg.Body); err != nil {
		return Received{}, err
	}
	return r, nil
}

// walk descends into multipart bodies and records each leaf part.
func (r *Received) walk(h textproto.MIMEHeader, body io.Reader) error {
	ct := h.Get("Content-Type")
	if ct == "" {
		ct = "text/plain; charset=us-ascii" // RFC 2045's default
	}
	mediaType, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Errorf("content type %q: %w", ct, err)
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			// NextRawPart: NextPart would decode quoted-printable itself and hide the header.
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", mediaType, err)
			}
			if err := r.walk(p.Header, p); err != nil {
				return err
			}
		}
	}
	enc := h.Get("Content-Transfer-Encoding")
	decoded, err := decode(enc, body)
	if err != nil {
		return fmt.Errorf("%s part: %w", mediaType, err)
	}
	p := Part{MediaType: mediaType, Charset: params["charset"], Encoding: enc, Body: decoded}
	r.Parts = append(r.Parts, p)
	switch {
	case mediaType == "text/plain" && r.Text == "":
		r.Text = decoded
	case mediaType == "text/html" && r.HTML == "":
		r.HTML = decoded
	}
	return nil
}

// decode undoes a Content-Transfer-Encoding.
func decode(encoding string, body io.Reader) (string, error) {
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body) // it skips line breaks itself
	case "", "7bit", "8bit", "binary":
	default:
		return "", fmt.Errorf("unknown transfer encoding %q", encoding)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return "", fmt.Errorf("%s: %w", encoding, err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n"), nil
}
