package seed

import (
	"slices"
	"time"

	"partnerportal/db"
)

// scaleReport is one usage report, kept small: a million of them are planned in memory to be
// numbered in time order, as the API numbers them.
type scaleReport struct {
	at       int64 // Unix seconds
	used     int64 // the term's figure for the metric after it
	term     int32
	quantity int32
	devices  bool
	state    uint8 // index into reportStates
}

var reportStates = []db.ServiceState{db.ServiceStateActive, db.ServiceStateGrace, db.ServiceStateExhausted}

// planQuotas gives a plan its quotas, at least one of them, smaller in the sandbox.
func (p *scalePlan) planQuotas(s *scaleService, t *scaleTerm) {
	r := p.rnd
	sandbox := s.env == db.EnvironmentSandbox
	if s.module == db.ModuleKeySoftware {
		t.messageQuota = pick(r, []int32{20_000, 50_000, 100_000, 250_000, 1_000_000})
		if sandbox {
			t.messageQuota = pick(r, []int32{2_000, 5_000, 10_000})
		}
		if r.IntN(10) < 6 {
			t.deviceQuota = pick(r, []int32{100, 500, 1_000, 2_000})
			if sandbox {
				t.deviceQuota = pick(r, []int32{10, 25, 50})
			}
		}
		return
	}
	t.deviceQuota = pick(r, []int32{200, 500, 1_000, 5_000})
	if sandbox {
		t.deviceQuota = pick(r, []int32{10, 25, 50})
	}
	if r.IntN(10) < 4 {
		t.messageQuota = pick(r, []int32{50_000, 100_000, 500_000})
	}
}

// planUsage spreads the usage reports over the metered terms that were in use during the last
// 30 days, a share of them each, and sets each term's counters to exactly what its accepted
// reports add up to. How the usage ends (under the quotas, in grace, at the allowance) follows
// the term's plan.
func (p *scalePlan) planUsage() {
	r := p.rnd
	var open []int
	for i, t := range p.terms {
		if metered(p.services[t.service].module) && !t.windowTo.Before(t.windowFrom) {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		return
	}
	weights := make([]float64, len(open))
	var sum float64
	for i := range weights {
		weights[i] = 0.5 + r.Float64()
		sum += weights[i]
	}
	left := p.size.reports
	p.reports = make([]scaleReport, 0, p.size.reports)
	for i, ti := range open {
		n := int(float64(p.size.reports) * weights[i] / sum)
		if i == len(open)-1 {
			n = left
		}
		n = min(n, left)
		left -= n
		p.planTermUsage(ti, n)
	}
	// Numbered in time order, as they arrive at the API.
	slices.SortStableFunc(p.reports, func(a, b scaleReport) int { return int(a.at - b.at) })
}

// planTermUsage decides term ti's counters and n reports that add up to them.
func (p *scalePlan) planTermUsage(ti, n int) {
	r := p.rnd
	t := &p.terms[ti]
	allowance := func(q int32) int64 { return int64(q) * int64(100+t.cap) / 100 }
	// under is a figure below quota q, at least least; when q is 0 (not metered), any figure.
	under := func(q int32, least int64) int64 {
		if q == 0 {
			return least * int64(1+r.IntN(50))
		}
		return least + r.Int64N(int64(q)-least)
	}
	overMessages := t.over != db.ServiceStateActive && t.messageQuota > 0
	overDevices := t.over != db.ServiceStateActive && !overMessages
	switch {
	case overDevices && t.over == db.ServiceStateExhausted:
		t.devicesUsed = int32(allowance(t.deviceQuota))
	case overDevices:
		t.devicesUsed = t.deviceQuota + int32(r.Int64N(max(1, allowance(t.deviceQuota)-int64(t.deviceQuota))))
	case t.deviceQuota > 0:
		t.devicesUsed = int32(under(t.deviceQuota, 0))
	default:
		t.devicesUsed = int32(r.IntN(n/10 + 1))
	}
	devices := min(n/10, int(t.devicesUsed))
	if overDevices {
		devices = max(devices, min(n, 1))
	}
	messages := n - devices
	if t.messageQuota > 0 && int64(t.messageQuota) < 2*int64(messages)+2 {
		t.messageQuota = int32(2*messages + 2)
	}
	switch {
	case overMessages && t.over == db.ServiceStateExhausted:
		t.messagesUsed = allowance(t.messageQuota)
	case overMessages:
		t.messagesUsed = int64(t.messageQuota) + r.Int64N(max(1, allowance(t.messageQuota)-int64(t.messageQuota)))
	default:
		t.messagesUsed = under(t.messageQuota, int64(messages))
	}
	t.firstReport, t.nReports = len(p.reports), n
	p.planReports(ti, messages, devices)
}

// planReports dates term ti's reports over its window and splits its counters among them.
func (p *scalePlan) planReports(ti, messages, devices int) {
	r := p.rnd
	t := &p.terms[ti]
	if messages == 0 {
		t.messagesUsed = 0
	}
	if devices == 0 {
		t.devicesUsed = 0
	}
	from, span := t.windowFrom.Unix(), t.windowTo.Unix()-t.windowFrom.Unix()+1
	first := len(p.reports)
	for k := range messages + devices {
		p.reports = append(p.reports, scaleReport{at: from + r.Int64N(span), term: int32(ti), devices: k >= messages})
	}
	mine := p.reports[first:]
	slices.SortFunc(mine, func(a, b scaleReport) int { return int(a.at - b.at) })
	// Each report counts at least 1; the rest is shared out at random.
	split := func(total int64, parts int) []int64 {
		q, w := make([]int64, parts), make([]float64, parts)
		var sum float64
		for k := range w {
			w[k] = r.ExpFloat64()
			sum += w[k]
		}
		rest := total - int64(parts)
		for k := range q {
			q[k] = 1 + int64(float64(rest)*w[k]/sum)
			total -= q[k]
		}
		if parts > 0 {
			q[parts-1] += total
		}
		return q
	}
	// A plan used up stops counting: the report that reaches the allowance is its last.
	if t.over == db.ServiceStateExhausted && len(mine) > 0 {
		last := len(mine) - 1
		for k := last; k >= 0; k-- {
			if mine[k].devices == (t.messageQuota == 0) {
				mine[k].devices, mine[last].devices = mine[last].devices, mine[k].devices
				break
			}
		}
	}
	mq, dq := split(t.messagesUsed, messages), split(int64(t.devicesUsed), devices)
	var mUsed, dUsed int64
	var state uint8
	lastDay := t.until.Add(24 * time.Hour).Unix()
	for k := range mine {
		rep := &mine[k]
		q, used, quota := &mq, &mUsed, t.messageQuota
		if rep.devices {
			q, used, quota = &dq, &dUsed, t.deviceQuota
		}
		rep.quantity = int32((*q)[0])
		*q = (*q)[1:]
		*used += int64(rep.quantity)
		rep.used = *used
		// The state the report left the plan in, as the term was built to go (usage only grows
		// within it): past the allowance used up, past a quota or the last day in grace.
		switch {
		case quota > 0 && *used >= int64(quota)*int64(100+t.cap)/100:
			state = 2
		case quota > 0 && *used >= int64(quota) || rep.at >= lastDay:
			state = max(state, 1)
		}
		rep.state = state
	}
}
