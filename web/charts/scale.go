package charts

import (
	"math"
	"strconv"
	"time"
)

// Tick is one labelled mark on an axis, at Pos (a coordinate of the picture).
type Tick struct {
	Pos   float64
	Label string
}

// niceCeil rounds a positive maximum up to 1, 2, 2.5 or 5 times a power of ten, so the axis
// ends on a round number; zero stays 1 so an empty chart still has a scale.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// num formats a coordinate with at most one decimal, so path data stays short and stable.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// days counts the days from a to b (b − a), both dates at midnight.
func days(a, b time.Time) int {
	return int(math.Round(b.Sub(a).Hours() / 24))
}
