package usagehistory

import (
	"fmt"
	"time"

	"partnerportal/db"
	"partnerportal/web/charts"
	"partnerportal/web/clock"
	"partnerportal/web/ui"
)

// Timeline lays out a company's term timeline from its terms and deactivations
// (ListCompanyTimeline, ListCompanyDeactivations): a year around today, each module or plan a
// row, each term a bar with its grace and where read-only begins, and deactivations marked.
func Timeline(terms []db.ListCompanyTimelineRow, off []db.ListCompanyDeactivationsRow, today time.Time, loc *time.Location) charts.Timeline {
	deactivated := map[int64]time.Time{}
	for _, d := range off {
		deactivated[d.ServiceID] = clock.Date(d.DeactivatedAt, loc)
	}
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, today.Location()).AddDate(0, -6, 0)
	in := charts.TimelineInput{From: first, To: first.AddDate(1, 0, -1), Today: today}
	var row *charts.TimelineRow
	var current int64
	for _, t := range terms {
		if row == nil || t.ServiceID != current {
			label := t.ModuleName
			if t.Environment != nil {
				label += " · " + string(*t.Environment)
			}
			in.Rows = append(in.Rows, charts.TimelineRow{Label: label})
			row, current = &in.Rows[len(in.Rows)-1], t.ServiceID
			if d, ok := deactivated[t.ServiceID]; ok {
				row.Deactivated = &d
			}
		}
		span := charts.TermSpan{From: t.ValidFrom, Until: t.ValidUntil, GraceDays: int(t.GraceDays), Renewal: len(row.Terms) > 0}
		span.Title = fmt.Sprintf("%s: %s to %s", row.Label, ui.LongDate(t.ValidFrom), ui.LongDate(t.ValidUntil))
		if span.GraceDays > 0 {
			span.Title += fmt.Sprintf(", %d days of grace", span.GraceDays)
		}
		span.Title += ", read-only from " + ui.LongDate(t.ValidUntil.AddDate(0, 0, span.GraceDays+1))
		row.Terms = append(row.Terms, span)
	}
	return charts.Layout(in)
}
