// Package support is the help desk that partner pages and staff pages share: where a ticket
// stands against its first-response target (the targets and business time are db's, beside
// the tickets' other words), how its status moves when someone writes or acts, reading
// uploaded files (type from the bytes, limits answered as field messages) and serving them as
// downloads, the thread as people read it, and who is told of what.
//
// It holds no handlers of either audience: web/partner and web/staff call it, so the rules
// of a ticket are written once.
package support
