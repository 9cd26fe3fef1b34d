package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the portal's Prometheus series, in a registry of their own: request durations
// by route pattern and status, the database pool, usage reports by answer, the job queue by
// state, and the Go runtime. They are served on their own address (PORTAL_METRICS_ADDR), not
// beside the pages.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.HistogramVec
	usage    *prometheus.CounterVec
}

// NewMetrics registers the series; pool is read at every scrape.
func NewMetrics(pool *pgxpool.Pool) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "portal_http_request_duration_seconds",
			Help:    "Time to answer a request, by route pattern, method and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}, []string{"route", "method", "status"}),
		usage: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "portal_usage_reports_total",
			Help: "Usage reports answered (API and DevLab console), by the answer's code; replayed answers of a repeated idempotency key apart.",
		}, []string{"code", "replayed"}),
	}
	m.reg.MustRegister(m.requests, m.usage, poolCollector{pool}, jobsCollector{pool},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the series in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// CountUsage notes one report's answer; the meter calls it.
func (m *Metrics) CountUsage(code string, replayed bool) {
	if m != nil {
		m.usage.WithLabelValues(code, strconv.FormatBool(replayed)).Inc()
	}
}

// observe times every request by its route pattern (never its path: ids would make a series
// per product); a request no route matched is "unmatched".
func (m *Metrics) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
			err = nil
		}
		route := c.Path()
		if route == "" || route == "/*" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, c.Request().Method, strconv.Itoa(c.Response().Status)).
			Observe(time.Since(start).Seconds())
		return err
	}
}

// poolCollector reads the database pool's figures at each scrape.
type poolCollector struct{ pool *pgxpool.Pool }

var (
	poolConns = prometheus.NewDesc("portal_db_pool_connections", "Connections of the database pool, by state.", []string{"state"}, nil)
	poolMax   = prometheus.NewDesc("portal_db_pool_max_connections", "The pool's largest size.", nil, nil)
	poolWaits = prometheus.NewDesc("portal_db_pool_acquire_waits_total", "Acquisitions that waited for a connection.", nil, nil)
	poolWait  = prometheus.NewDesc("portal_db_pool_acquire_wait_seconds_total", "Time spent waiting for a connection.", nil, nil)
	poolUses  = prometheus.NewDesc("portal_db_pool_acquires_total", "Connections acquired from the pool.", nil, nil)
)

func (poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolConns, poolMax, poolWaits, poolWait, poolUses} {
		ch <- d
	}
}

func (p poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := p.pool.Stat()
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.AcquiredConns()), "acquired")
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.IdleConns()), "idle")
	ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(s.ConstructingConns()), "constructing")
	ch <- prometheus.MustNewConstMetric(poolMax, prometheus.GaugeValue, float64(s.MaxConns()))
	ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(s.EmptyAcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolWait, prometheus.CounterValue, s.AcquireDuration().Seconds())
	ch <- prometheus.MustNewConstMetric(poolUses, prometheus.CounterValue, float64(s.AcquireCount()))
}

// jobsCollector counts the background jobs by state at each scrape: how deep the queue is,
// and whether failures pile up.
type jobsCollector struct{ pool *pgxpool.Pool }

var jobsDepth = prometheus.NewDesc("portal_jobs", "Background jobs not yet finished or kept after failing, by state.", []string{"state"}, nil)

func (jobsCollector) Describe(ch chan<- *prometheus.Desc) { ch <- jobsDepth }

func (j jobsCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	rows, err := j.pool.Query(ctx, `SELECT s.state::text, count(r.id)
		FROM unnest(enum_range(NULL::river_job_state)) AS s(state)
		LEFT JOIN river_job r ON r.state = s.state AND r.state <> 'completed'
		GROUP BY s.state`)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(jobsDepth, err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var state string
		var n int64
		if err := rows.Scan(&state, &n); err != nil {
			ch <- prometheus.NewInvalidMetric(jobsDepth, err)
			return
		}
		if state != "completed" {
			ch <- prometheus.MustNewConstMetric(jobsDepth, prometheus.GaugeValue, float64(n), state)
		}
	}
}
