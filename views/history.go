package views

import "partnerportal/web/charts"

// UsageHistoryPage is a plan's usage history: the chart, its data as a table, and the range.
type UsageHistoryPage struct {
	Title    string
	BackURL  string
	BackText string
	// URL is the page's own address, without query: the range form and metric links use it.
	URL     string
	Metric  string
	Metrics []HistoryMetric
	From    string
	To      string
	Errors  FieldErrors
	Summary string
	// QuotaNote says the quota marked, top-ups included.
	QuotaNote string
	Chart     charts.UsageChart
	Rows      []HistoryRow
	CSVURL    string
}

// HistoryMetric is a link to the same history for another metric.
type HistoryMetric struct {
	Label, URL string
	Current    bool
}

// HistoryRow is one day of the data table.
type HistoryRow struct {
	Day        string
	Quantity   string
	Cumulative string
}
