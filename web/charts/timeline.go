package charts

import "time"

// Geometry of the term timeline: a label column, then one row per module or plan.
const (
	TimelineWidth = 720.0
	labelWidth    = 170.0
	rowHeight     = 34.0
	axisHeight    = 28.0
)

// TermSpan is one term of a service: its days, its grace and when it turned read-only.
type TermSpan struct {
	From, Until time.Time
	// GraceDays follow Until; ReadOnlyFrom is the first day of 'expired' (Until + grace + 1).
	GraceDays int
	// Renewal marks a term that a renewal made (every term after the first).
	Renewal bool
	// Title is what hovering or focusing the bar says.
	Title string
}

// TimelineRow is one module or plan.
type TimelineRow struct {
	Label string
	Terms []TermSpan
	// Deactivated is the day the service was set inactive, if it is inactive now.
	Deactivated *time.Time
}

// TimelineInput is the rows and the window the picture spans.
type TimelineInput struct {
	From, To, Today time.Time
	Rows            []TimelineRow
}

// TermBar is a term as drawn: the bar, its hatched grace tail, where read-only starts.
type TermBar struct {
	X, W, GraceX, GraceW float64
	ReadOnlyX            float64
	// ShowReadOnly is false when read-only starts outside the window.
	ShowReadOnly bool
	RenewalX     float64
	Renewal      bool
	Title        string
}

// TimelineRowGeom is a row as drawn.
type TimelineRowGeom struct {
	Label        string
	Y, LabelY    float64
	Bars         []TermBar
	Deactivated  bool
	DeactivatedX float64
}

// Timeline is the computed picture.
type Timeline struct {
	Width, Height       float64
	PlotLeft, PlotRight float64
	Rows                []TimelineRowGeom
	BarHeight           float64
	TodayX              float64
	ShowToday           bool
	Months              []Tick
}

// Layout lays out a company's term timeline; days outside the window are clipped.
func Layout(in TimelineInput) Timeline {
	t := Timeline{Width: TimelineWidth, PlotLeft: labelWidth, PlotRight: TimelineWidth - 12, BarHeight: rowHeight * 0.5}
	t.Height = axisHeight + float64(len(in.Rows))*rowHeight + 8
	span := float64(max(days(in.From, in.To)+1, 1))
	x := func(d time.Time) float64 {
		v := t.PlotLeft + float64(days(in.From, d))/span*(t.PlotRight-t.PlotLeft)
		return min(max(v, t.PlotLeft), t.PlotRight)
	}
	for i, r := range in.Rows {
		g := TimelineRowGeom{Label: r.Label, Y: axisHeight + float64(i)*rowHeight + rowHeight*0.25}
		g.LabelY = g.Y + t.BarHeight*0.7
		for _, s := range r.Terms {
			end := s.Until.AddDate(0, 0, 1)
			graceEnd := end.AddDate(0, 0, s.GraceDays)
			b := TermBar{X: x(s.From), Title: s.Title, Renewal: s.Renewal, RenewalX: x(s.From)}
			b.W = x(end) - b.X
			b.GraceX, b.GraceW = x(end), x(graceEnd)-x(end)
			b.ReadOnlyX = x(graceEnd)
			b.ShowReadOnly = !graceEnd.Before(in.From) && !graceEnd.After(in.To) && !graceEnd.After(in.Today)
			g.Bars = append(g.Bars, b)
		}
		if r.Deactivated != nil {
			g.Deactivated, g.DeactivatedX = true, x(*r.Deactivated)
		}
		t.Rows = append(t.Rows, g)
	}
	t.TodayX = x(in.Today)
	t.ShowToday = !in.Today.Before(in.From) && !in.Today.After(in.To)
	for m := time.Date(in.From.Year(), in.From.Month(), 1, 0, 0, 0, 0, in.From.Location()); !m.After(in.To); m = m.AddDate(0, 1, 0) {
		if !m.Before(in.From) {
			t.Months = append(t.Months, Tick{Pos: x(m), Label: m.Format("Jan 06")})
		}
	}
	return t
}
