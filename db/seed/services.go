package seed

import (
	"context"
	"fmt"
	"time"

	"partnerportal/db"
)

// demoService is one service of a demo company, placed relative to today.
type demoService struct {
	module db.ModuleKey
	env    db.Environment // "" for modules without plans
	status db.ServiceStatus
	// from is the term's start relative to today; months its length.
	from                  func(today time.Time) time.Time
	months                int32
	cap                   int32
	messageQuota          int32
	deviceQuota           int32
	messagesUsed, devUsed int64
}

func monthsAgo(n int) func(time.Time) time.Time {
	return func(t time.Time) time.Time { return t.AddDate(0, -n, 0) }
}

// endedDaysAgo starts a term of months so that its last day was days ago.
func endedDaysAgo(months, days int) func(time.Time) time.Time {
	return func(t time.Time) time.Time { return t.AddDate(0, -months, -days+1) }
}

// demoServices are SPEC §7's scenarios as they stand today: Company A with products usable,
// Solutions Hub and ExpressConnect expired two weeks ago (read-only), a sandbox plan near its
// quota; Company B with every software-side module; Company C with hardware, ExpressConnect for a
// year, and an inactive Solutions Hub.
var demoServices = map[string][]demoService{
	"Company A": {
		{module: db.ModuleKeySoftware, env: db.EnvironmentProduction, from: monthsAgo(2), months: 6, cap: 10, messageQuota: 100000, deviceQuota: 500, messagesUsed: 41250, devUsed: 212},
		{module: db.ModuleKeySoftware, env: db.EnvironmentSandbox, from: monthsAgo(1), months: 3, cap: 30, messageQuota: 100, messagesUsed: 95},
		{module: db.ModuleKeyHardware, env: db.EnvironmentProduction, from: monthsAgo(2), months: 6, cap: 10, deviceQuota: 1000, devUsed: 380},
		{module: db.ModuleKeyDevlab, from: monthsAgo(2), months: 6},
		{module: db.ModuleKeyExpressconnect, from: endedDaysAgo(3, 14), months: 3},
		{module: db.ModuleKeySolutionsHub, from: endedDaysAgo(3, 14), months: 3},
		{module: db.ModuleKeySupport, from: monthsAgo(2), months: 6},
	},
	"Company B": {
		{module: db.ModuleKeySoftware, env: db.EnvironmentProduction, from: monthsAgo(1), months: 12, cap: 20, messageQuota: 250000, deviceQuota: 2000, messagesUsed: 18030, devUsed: 150},
		{module: db.ModuleKeySoftware, env: db.EnvironmentSandbox, from: monthsAgo(1), months: 6, cap: 30, messageQuota: 5000, messagesUsed: 1200},
		{module: db.ModuleKeyDevlab, from: monthsAgo(1), months: 12},
		{module: db.ModuleKeyExpressconnect, from: monthsAgo(1), months: 12},
		{module: db.ModuleKeyAppconnect, from: monthsAgo(1), months: 12},
		{module: db.ModuleKeySolutionsHub, from: monthsAgo(1), months: 12},
		{module: db.ModuleKeySupport, from: monthsAgo(1), months: 12},
	},
	"Company C": {
		{module: db.ModuleKeyHardware, env: db.EnvironmentProduction, from: monthsAgo(3), months: 12, cap: 10, deviceQuota: 800, devUsed: 95},
		{module: db.ModuleKeyExpressconnect, from: monthsAgo(3), months: 12},
		{module: db.ModuleKeySolutionsHub, status: db.ServiceStatusInactive, from: monthsAgo(3), months: 6},
		{module: db.ModuleKeySupport, from: monthsAgo(3), months: 12},
	},
}

// seedServices replaces the demo companies' services with demoServices, placed around today.
func seedServices(ctx context.Context, q *db.Queries, companies map[string]int64, today time.Time) error {
	for name, services := range demoServices {
		id := companies[name]
		for _, del := range []func(context.Context, int64) error{q.DeleteDemoUsage, q.DeleteDemoRenewalRequests, q.DeleteDemoServiceTerms, q.DeleteDemoServices} {
			if err := del(ctx, id); err != nil {
				return fmt.Errorf("reset %s: %w", name, err)
			}
		}
		for _, d := range services {
			if err := seedService(ctx, q, id, d, today); err != nil {
				return fmt.Errorf("%s %s: %w", name, d.module, err)
			}
		}
	}
	return nil
}

func seedService(ctx context.Context, q *db.Queries, companyID int64, d demoService, today time.Time) error {
	status := d.status
	if status == "" {
		status = db.ServiceStatusActive
	}
	var env *db.Environment
	if d.env != "" {
		env = &d.env
	}
	svc, err := q.CreateService(ctx, db.CreateServiceParams{CompanyID: companyID, Module: d.module, Environment: env, Status: status})
	if err != nil {
		return err
	}
	term, err := q.CreateServiceTerm(ctx, db.CreateServiceTermParams{
		ServiceID: svc.ID, ValidFrom: d.from(today), TermMonths: d.months, CapPercent: d.cap,
		MessageQuota: optional(d.messageQuota), DeviceQuota: optional(d.deviceQuota),
	})
	if err != nil {
		return err
	}
	if d.messagesUsed == 0 && d.devUsed == 0 {
		return nil
	}
	if err := q.SetDemoTermUsage(ctx, db.SetDemoTermUsageParams{ID: term.ID, MessagesUsed: d.messagesUsed, DevicesUsed: int32(d.devUsed)}); err != nil {
		return err
	}
	// the usage's daily history, so the charts show how it grew
	for _, h := range []struct {
		metric db.UsageMetric
		total  int64
	}{{db.UsageMetricMessages, d.messagesUsed}, {db.UsageMetricDevices, int64(d.devUsed)}} {
		if h.total == 0 {
			continue
		}
		if err := q.SeedDemoUsageHistory(ctx, db.SeedDemoUsageHistoryParams{TermID: term.ID, Metric: h.metric, Today: today, Total: h.total}); err != nil {
			return err
		}
	}
	return nil
}

func optional(n int32) *int32 {
	if n == 0 {
		return nil
	}
	return &n
}
