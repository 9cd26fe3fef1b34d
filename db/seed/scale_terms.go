package seed

import (
	"time"

	"partnerportal/db"
)

// scaleTerm is one term of a service. Its dates are chosen so that, with the usage planUsage
// gives it, the service is in its target state today (the test reads the states back from
// service_states, the rule's one home). window is when its usage reports may be dated.
type scaleTerm struct {
	service                   int
	from, until               time.Time
	months, cap               int32
	messageQuota, deviceQuota int32
	messagesUsed              int64
	devicesUsed               int32
	created                   time.Time
	// over says how the usage ends: under every quota, past a quota within the cap (grace), or
	// at the allowance (exhausted).
	over                  db.ServiceState
	windowFrom, windowTo  time.Time
	firstReport, nReports int
}

// termUntil is the last day of a term starting on a day no later than the 28th (the only days
// the seed starts terms on, where calendar months need no clamping; see term_until).
func termUntil(from time.Time, months int32) time.Time { return from.AddDate(0, int(months), -1) }

// termGrace is the number of days of grace of a term: ceil(term days × cap / 100).
func termGrace(from, until time.Time, cap int32) int {
	days := int(until.Sub(from).Hours()/24) + 1
	return (days*int(cap) + 99) / 100
}

// byThe28th moves a day back to the 28th of its month when it is later.
func byThe28th(d time.Time) time.Time {
	if d.Day() > 28 {
		return d.AddDate(0, 0, 28-d.Day())
	}
	return d
}

func metered(m db.ModuleKey) bool { return m == db.ModuleKeySoftware || m == db.ModuleKeyHardware }

// planTerms places s's current term (and sometimes the term it renewed) for its target state.
func (p *scalePlan) planTerms(s *scaleService) {
	r := p.rnd
	t := scaleTerm{service: len(p.services), months: pick(r, []int32{3, 6, 12}), over: db.ServiceStateActive}
	switch {
	case s.target == db.ServiceStateGrace:
		t.cap = pick(r, []int32{10, 20, 30})
	case metered(s.module):
		t.cap = pick(r, []int32{0, 0, 10, 20, 30})
	default:
		t.cap = pick(r, []int32{0, 0, 0, 10})
	}
	if metered(s.module) {
		p.planQuotas(s, &t)
	}
	switch s.target {
	case db.ServiceStateScheduled:
		t.from = p.today.AddDate(0, 0, 1+r.IntN(60))
		if t.from.Day() > 28 {
			t.from = time.Date(t.from.Year(), t.from.Month()+1, 1, 0, 0, 0, 0, time.UTC)
		}
	case db.ServiceStateExpired:
		cand := p.today.AddDate(0, -int(t.months), -1-r.IntN(40))
		for {
			t.from = byThe28th(cand)
			if until := termUntil(t.from, t.months); p.today.After(until.AddDate(0, 0, termGrace(t.from, until, t.cap))) {
				break
			}
			cand = cand.AddDate(0, 0, -1)
		}
	case db.ServiceStateGrace:
		if metered(s.module) && r.IntN(2) == 0 || !p.graceByTime(&t) {
			t.over = db.ServiceStateGrace
			t.from = p.inTerm(t.months)
		}
	case db.ServiceStateExhausted:
		t.over = db.ServiceStateExhausted
		t.from = p.inTerm(t.months)
	default: // active, inactive
		t.from = p.inTerm(t.months)
	}
	t.until = termUntil(t.from, t.months)
	s.inactive = s.target == db.ServiceStateInactive
	s.firstTerm = len(p.terms)
	// A fifth of the services in use were renewed: the term before ended the day before.
	if s.target != db.ServiceStateScheduled && r.IntN(5) == 0 {
		prev := t
		prev.over, prev.months = db.ServiceStateActive, pick(r, []int32{3, 6, 12})
		prev.from = t.from.AddDate(0, -int(prev.months), 0)
		prev.until = t.from.AddDate(0, 0, -1)
		prev.created = p.notAfterNow(prev.from.AddDate(0, 0, -r.IntN(10)).Add(time.Duration(9+r.IntN(8)) * time.Hour))
		t.created = p.notAfterNow(prev.until.AddDate(0, 0, -r.IntN(20)).Add(time.Duration(9+r.IntN(8)) * time.Hour))
		p.windowOf(&prev, prev.until)
		p.terms = append(p.terms, prev)
	} else {
		t.created = p.notAfterNow(t.from.AddDate(0, 0, -r.IntN(10)).Add(time.Duration(9+r.IntN(8)) * time.Hour))
	}
	end := p.today
	switch {
	case s.target == db.ServiceStateExpired:
		end = t.until.AddDate(0, 0, termGrace(t.from, t.until, t.cap))
	case s.inactive:
		end = p.today.AddDate(0, 0, -1-r.IntN(10))
		if end.Before(t.from) {
			end = t.from
		}
		s.deactivated = p.notAfterNow(end.Add(time.Duration(17+r.IntN(6)) * time.Hour))
	}
	p.windowOf(&t, end)
	p.terms = append(p.terms, t)
	s.nTerms = len(p.terms) - s.firstTerm
}

// inTerm is a start that puts today inside a term of months, at least a month before its end.
func (p *scalePlan) inTerm(months int32) time.Time {
	return byThe28th(p.today.AddDate(0, 0, -3-p.rnd.IntN(int(months)*28-33)))
}

// graceByTime places t so that today is past its last day but within its grace days.
func (p *scalePlan) graceByTime(t *scaleTerm) bool {
	start := p.rnd.IntN(30)
	for i := range 60 {
		k := 1 + (start+i)%60
		after := p.today.AddDate(0, 0, -k+1) // the day after the term's last
		if after.Day() > 28 {
			continue
		}
		from := after.AddDate(0, -int(t.months), 0)
		if k <= termGrace(from, termUntil(from, t.months), t.cap) {
			t.from = from
			return true
		}
	}
	return false
}

// windowOf sets when t's usage reports may be dated: within the last 30 days, from its start
// (and its grant) to end (its last day of use), never after now.
func (p *scalePlan) windowOf(t *scaleTerm, end time.Time) {
	t.windowFrom = t.from
	if first := p.today.AddDate(0, 0, -29); t.windowFrom.Before(first) {
		t.windowFrom = first
	}
	if t.windowFrom.Before(t.created) {
		t.windowFrom = t.created
	}
	t.windowTo = p.notAfterNow(end.Add(24*time.Hour - time.Second))
}
