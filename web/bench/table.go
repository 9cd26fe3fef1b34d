package bench

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// printTable writes each group's lines with their ratio to the group's reference: throughput
// (higher is better) and p99 (lower is better).
func printTable(out io.Writer, results []result) {
	refs := map[string]result{}
	for _, r := range results {
		if r.isReference() {
			refs[r.group] = r
		}
	}
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(out)
	fmt.Fprintln(w, "target\treq/s\tp50\tp99\tqueries/req\tratio\tp99 ratio\t")
	group := ""
	for _, r := range results {
		if r.group != group && group != "" {
			fmt.Fprintln(w, "\t\t\t\t\t\t\t")
		}
		group = r.group
		ref := refs[r.group]
		q := 0.0
		if r.served > 0 {
			q = float64(r.queries) / float64(r.served)
		}
		ratio, p99ratio := "", ""
		if ref.sample.rate() > 0 {
			ratio = fmt.Sprintf("%.2f×", r.sample.rate()/ref.sample.rate())
		}
		if p := ref.sample.percentile(0.99); p > 0 {
			p99ratio = fmt.Sprintf("%.2f×", float64(r.sample.percentile(0.99))/float64(p))
		}
		fmt.Fprintf(w, "%s\t%.0f\t%s\t%s\t%.2f\t%s\t%s\t\n", r.name, r.sample.rate(),
			ms(r.sample.percentile(0.5)), ms(r.sample.percentile(0.99)), q, ratio, p99ratio)
	}
	w.Flush()
	fmt.Fprintln(out, "\nratio: throughput over the reference of its group (pages ≥ 0.5× aimed for, ≥ 0.33× each; usage ≥ 0.7×);")
	fmt.Fprintln(out, "p99 ratio: the 99th percentile over the reference's (at most 3×). queries/req counts round trips to the database.")
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }
