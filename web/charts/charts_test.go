package charts

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func ptr(v int64) *int64 { return &v }

// A given series always gives the same picture: the cumulative path, the bars and the levels.
func TestUsageGeometryGolden(t *testing.T) {
	in := UsageInput{Quota: ptr(100), Allowance: ptr(130), Days: []Day{
		{Date: day("2026-03-01"), Quantity: 20, Cumulative: 20},
		{Date: day("2026-03-02"), Quantity: 0, Cumulative: 20},
		{Date: day("2026-03-03"), Quantity: 50, Cumulative: 70},
		{Date: day("2026-03-04"), Quantity: 40, Cumulative: 110},
	}}
	c := Usage(in)
	if want := "M132 206.8 L284 206.8 L436 153.8 L588 111.4"; c.Line != want {
		t.Errorf("line:\n got %s\nwant %s", c.Line, want)
	}
	if got := Num(c.Quota.Y); got != "122" {
		t.Errorf("quota level at %s, want 122 (228 − 100/200 × 212)", got)
	}
	if got := Num(c.Allowance.Y); got != "90.2" {
		t.Errorf("allowance level at %s, want 90.2", got)
	}
	if b := c.Bars[2]; Num(b.X) != "382.8" || Num(b.H) != "212" || Num(b.W) != "106.4" {
		t.Errorf("third bar x=%s w=%s h=%s, want 382.8, 106.4, 212", Num(b.X), Num(b.W), Num(b.H))
	}
	if got := c.LeftTicks[4].Label; got != "200" {
		t.Errorf("left axis ends at %s, want 200 (130 × 1.05 rounded up)", got)
	}
	if got := c.RightTicks[4].Label; got != "50" {
		t.Errorf("right axis ends at %s, want 50", got)
	}
}

func TestUsageWithoutDaysHasAnEmptyLine(t *testing.T) {
	c := Usage(UsageInput{})
	if c.Line != "" || len(c.Bars) != 0 || c.Quota != nil {
		t.Errorf("empty chart: line %q, %d bars, quota %v", c.Line, len(c.Bars), c.Quota)
	}
}

func TestTimelineGeometryGolden(t *testing.T) {
	in := TimelineInput{From: day("2026-01-01"), To: day("2026-12-31"), Today: day("2026-07-01"), Rows: []TimelineRow{
		{Label: "Software · sandbox", Terms: []TermSpan{
			{From: day("2026-01-01"), Until: day("2026-06-30"), GraceDays: 19},
			{From: day("2026-07-01"), Until: day("2026-09-30"), Renewal: true},
		}},
	}}
	tl := Layout(in)
	b := tl.Rows[0].Bars
	got := []string{Num(b[0].X), Num(b[0].W), Num(b[0].GraceX), Num(b[0].GraceW), Num(b[1].X), Num(b[1].W), Num(tl.TodayX)}
	want := []string{"170", "266.8", "436.8", "28", "436.8", "135.6", "436.8"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("geometry %v, want %v", got, want)
			break
		}
	}
	if b[0].ShowReadOnly {
		t.Error("read-only mark shown for a day after today")
	}
	if len(tl.Months) != 12 || tl.Months[6].Label != "Jul 26" {
		t.Errorf("months %v", tl.Months)
	}
}
