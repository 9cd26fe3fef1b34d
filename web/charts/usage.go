package charts

import (
	"strconv"
	"strings"
	"time"
)

// Geometry of the usage chart, in SVG user units; the SVG scales to its box.
const (
	UsageWidth  = 720.0
	UsageHeight = 260.0
	padLeft     = 56.0
	padRight    = 56.0
	padTop      = 16.0
	padBottom   = 32.0
)

// Day is one day of a plan's usage: what was accepted that day (net: devices may go down) and
// the term's total at its end.
type Day struct {
	Date       time.Time
	Quantity   int64
	Cumulative int64
}

// UsageInput is what the chart shows: the days in order, and the current term's quota and cap
// allowance (nil when the dimension is not metered).
type UsageInput struct {
	Days      []Day
	Quota     *int64
	Allowance *int64
}

// Bar is one day's bar.
type Bar struct {
	X, Y, W, H float64
	Day        Day
}

// Level is a horizontal mark across the plot (the quota, the cap allowance).
type Level struct {
	Y     float64
	Value int64
}

// UsageChart is the computed picture: daily bars on the right axis, the cumulative line on the
// left axis, and the quota and allowance levels.
type UsageChart struct {
	Width, Height float64
	PlotLeft      float64
	PlotRight     float64
	PlotTop       float64
	PlotBottom    float64
	Bars          []Bar
	// Line is the path data of the cumulative total.
	Line       string
	Quota      *Level
	Allowance  *Level
	LeftTicks  []Tick
	RightTicks []Tick
	DayTicks   []Tick
}

// Usage lays out a usage chart.
func Usage(in UsageInput) UsageChart {
	c := UsageChart{Width: UsageWidth, Height: UsageHeight, PlotLeft: padLeft, PlotRight: UsageWidth - padRight,
		PlotTop: padTop, PlotBottom: UsageHeight - padBottom}
	plotW, plotH := c.PlotRight-c.PlotLeft, c.PlotBottom-c.PlotTop
	var maxCum, maxDay int64
	for _, d := range in.Days {
		maxCum = max(maxCum, d.Cumulative)
		maxDay = max(maxDay, d.Quantity)
	}
	for _, v := range []*int64{in.Quota, in.Allowance} {
		if v != nil {
			maxCum = max(maxCum, *v)
		}
	}
	top, topDay := niceCeil(float64(maxCum)*1.05), niceCeil(float64(maxDay))
	y := func(v int64, scale float64) float64 { return c.PlotBottom - float64(max(v, 0))/scale*plotH }
	n := max(len(in.Days), 1)
	step := plotW / float64(n)
	var line strings.Builder
	for i, d := range in.Days {
		x := c.PlotLeft + float64(i)*step
		by := y(d.Quantity, topDay)
		c.Bars = append(c.Bars, Bar{X: x + step*0.15, Y: by, W: step * 0.7, H: c.PlotBottom - by, Day: d})
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		line.WriteString(cmd + num(x+step/2) + " " + num(y(d.Cumulative, top)) + " ")
	}
	c.Line = strings.TrimSpace(line.String())
	if in.Quota != nil {
		c.Quota = &Level{Y: y(*in.Quota, top), Value: *in.Quota}
	}
	if in.Allowance != nil && (in.Quota == nil || *in.Allowance != *in.Quota) {
		c.Allowance = &Level{Y: y(*in.Allowance, top), Value: *in.Allowance}
	}
	for i := 0; i <= 4; i++ {
		f := float64(i) / 4
		c.LeftTicks = append(c.LeftTicks, Tick{Pos: c.PlotBottom - f*plotH, Label: strconv.FormatInt(int64(top*f), 10)})
		c.RightTicks = append(c.RightTicks, Tick{Pos: c.PlotBottom - f*plotH, Label: strconv.FormatInt(int64(topDay*f), 10)})
	}
	// about six day labels, on whole steps
	every := max(1, (len(in.Days)+5)/6)
	for i := 0; i < len(in.Days); i += every {
		c.DayTicks = append(c.DayTicks, Tick{Pos: c.PlotLeft + float64(i)*step + step/2, Label: in.Days[i].Date.Format("2 Jan")})
	}
	return c
}

// Num formats a coordinate for an SVG attribute.
func Num(v float64) string { return num(v) }
