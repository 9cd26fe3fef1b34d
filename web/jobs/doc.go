// Package jobs is the portal's background work, on River in the portal's own database: the
// periodic housekeeping (expired sessions, old usage reports), the sweep that records what each
// day brings to services and purchases, the delivery that turns those events into notices for
// the people concerned, the e-mail that carries them, and the account managers' daily digest.
//
// Jobs are inserted in the transaction of the change that causes them, so a change and its
// consequences commit together. Periodic jobs are inserted by the elected leader only, so
// several servers run each once. Everything a job writes is keyed (an event once per term and
// kind, a notice once per user and event, an e-mail once per dedupe key), so a job run twice —
// after a crash, by two servers — changes nothing the second time.
package jobs
