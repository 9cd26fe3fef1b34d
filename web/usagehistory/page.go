package usagehistory

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"partnerportal/db"
	"partnerportal/views"
	"partnerportal/web/charts"
	"partnerportal/web/ui"
)

// MaxDays is the longest range a chart shows, so a typo in a year cannot ask for a century.
const MaxDays = 400

// Request is what a history page asks for: a plan of a company, a metric and a range (empty
// means the current term, up to today).
type Request struct {
	CompanyID, ServiceID int64
	Metric               string
	From, To             string
	Today                time.Time
}

// Data is a history read from the database: the page's figures and the days for the CSV.
type Data struct {
	Page views.UsageHistoryPage
	Days []charts.Day
	Plan db.GetPlanForHistoryRow
}

// Load reads a plan's history. A bad range comes back as field errors on the page, with the
// current term shown instead; a plan that is not the company's is ErrNoRows.
func Load(ctx context.Context, q *db.Queries, r Request, pageURL string) (Data, error) {
	plan, err := q.GetPlanForHistory(ctx, db.GetPlanForHistoryParams{ServiceID: r.ServiceID, CompanyID: r.CompanyID, Today: r.Today})
	if err != nil {
		return Data{}, err
	}
	d := Data{Plan: plan}
	p := &d.Page
	p.Title = plan.ModuleName
	if plan.Environment != nil {
		p.Title += " · " + ui.Capitalize(string(*plan.Environment))
	}
	p.URL = pageURL
	metric := db.UsageMetricMessages
	if r.Metric == "devices" || (r.Metric == "" && plan.MessageQuota == nil && plan.DeviceQuota != nil) {
		metric = db.UsageMetricDevices
	}
	p.Metric = string(metric)
	first, last := r.Today.AddDate(0, 0, -29), r.Today
	if plan.ValidFrom != nil {
		first = *plan.ValidFrom
		if end := plan.ExpiredFrom.AddDate(0, 0, -1); end.Before(last) {
			last = end
		}
	}
	if last.Before(first) {
		last = first
	}
	if r.From != "" || r.To != "" {
		f, ferr := time.Parse(time.DateOnly, r.From)
		t, terr := time.Parse(time.DateOnly, r.To)
		switch {
		case ferr != nil:
			p.Errors = views.FieldErrors{"from": "Enter a date like 2026-03-01."}
		case terr != nil:
			p.Errors = views.FieldErrors{"to": "Enter a date like 2026-03-31."}
		case t.Before(f):
			p.Errors = views.FieldErrors{"to": "The last day comes on or after the first."}
		case t.Sub(f) > MaxDays*24*time.Hour:
			p.Errors = views.FieldErrors{"to": fmt.Sprintf("Choose at most %d days.", MaxDays)}
		default:
			first, last = f, t
		}
	}
	p.From, p.To = first.Format(time.DateOnly), last.Format(time.DateOnly)
	if p.Errors != nil {
		p.From, p.To = r.From, r.To
	}
	for _, m := range []db.UsageMetric{db.UsageMetricMessages, db.UsageMetricDevices} {
		if (m == db.UsageMetricMessages && plan.MessageQuota != nil) || (m == db.UsageMetricDevices && plan.DeviceQuota != nil) {
			p.Metrics = append(p.Metrics, views.HistoryMetric{Label: ui.Capitalize(string(m)), URL: pageURL + "?metric=" + string(m), Current: m == metric})
		}
	}
	d.Days, err = days(ctx, q, plan.ID, metric, first, last)
	if err != nil {
		return Data{}, err
	}
	quota, allowance := plan.MessageQuota, plan.MessageAllowance
	used := int64(0)
	if plan.MessagesUsed != nil {
		used = *plan.MessagesUsed
	}
	if metric == db.UsageMetricDevices {
		quota, allowance = plan.DeviceQuota, plan.DeviceAllowance
		if plan.DevicesUsed != nil {
			used = int64(*plan.DevicesUsed)
		}
	}
	in := charts.UsageInput{Days: d.Days, Allowance: allowance}
	if quota != nil {
		qv := int64(*quota)
		in.Quota = &qv
		p.Summary = fmt.Sprintf("This term: %s of %s %s used", ui.Count(used), ui.Count(qv), metric)
		if allowance != nil && *allowance != qv {
			p.Summary += fmt.Sprintf(", a cap allowance of %s", ui.Count(*allowance))
		}
		p.Summary += "."
		p.QuotaNote = "The quota mark is this term's quota, approved top-ups included."
	}
	p.Chart = charts.Usage(in)
	for _, day := range d.Days {
		p.Rows = append(p.Rows, views.HistoryRow{Day: ui.LongDate(day.Date), Quantity: ui.Count(day.Quantity), Cumulative: ui.Count(day.Cumulative)})
	}
	v := url.Values{"metric": {p.Metric}, "from": {first.Format(time.DateOnly)}, "to": {last.Format(time.DateOnly)}}
	p.CSVURL = pageURL + ".csv?" + v.Encode()
	return d, nil
}

// days is every day from first to last with what was accepted and the term's running total,
// which starts again at each new term.
func days(ctx context.Context, q *db.Queries, serviceID int64, metric db.UsageMetric, first, last time.Time) ([]charts.Day, error) {
	rows, err := q.ListUsageDaily(ctx, db.ListUsageDailyParams{ServiceID: serviceID, Metric: metric, First: first, Last: last})
	if err != nil {
		return nil, err
	}
	before, err := q.SumUsageBefore(ctx, db.SumUsageBeforeParams{ServiceID: serviceID, Metric: metric, First: first})
	if err != nil {
		return nil, err
	}
	base := map[int64]int64{}
	for _, b := range before {
		base[b.TermID] = b.Total
	}
	var out []charts.Day
	var term int64
	var running int64
	i := 0
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		day := charts.Day{Date: d}
		for i < len(rows) && !rows[i].Day.After(d) {
			if rows[i].TermID != term {
				term, running = rows[i].TermID, base[rows[i].TermID]
			}
			day.Quantity += rows[i].Quantity
			running += rows[i].Quantity
			i++
		}
		day.Cumulative = running
		out = append(out, day)
	}
	return out, nil
}
