package mail

import (
	"errors"

	gomail "github.com/wneessen/go-mail"
)

// Permanent reports whether err means the message will never go out as it is, so the job
// that sent it should give up rather than retry:
//
//   - the server answered the message itself (MAIL FROM, RCPT TO or DATA) with a 5xx reply,
//     such as 550 for an unknown recipient;
//   - the portal refused the message before asking any server (a malformed address or ID).
//
// Everything else is worth a retry: 4xx replies (greylisting, a full queue), connections
// refused or cut, timeouts, and also 5xx replies before the message (a failed AUTH or
// STARTTLS), because those are the portal's configuration, which an operator can fix while
// the mail waits.
func Permanent(err error) bool {
	var inv *invalidError
	if errors.As(err, &inv) {
		return true
	}
	var se *gomail.SendError
	if errors.As(err, &se) {
		code := se.ErrorCode()
		return code >= 500 && code < 600
	}
	return false
}
