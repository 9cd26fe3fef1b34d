package db_test

import (
	"context"
	"sync"
	"testing"

	"partnerportal/db"
	"partnerportal/db/dbtest"
)

func TestMigrationsApplyOnceAndThenFindNothingToDo(t *testing.T) {
	ctx := context.Background()
	pool, err := db.Open(ctx, dbtest.NewEmptyDatabase(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	first, err := db.Migrate(ctx, pool)
	if err != nil {
		t.Fatalf("first migrate: %v", err)
	}
	if len(first) == 0 {
		t.Fatal("first migrate applied nothing on an empty database")
	}
	second, err := db.Migrate(ctx, pool)
	if err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	if len(second) != 0 {
		t.Errorf("second migrate applied %v, want nothing", second)
	}
}

func TestTwoServersMigratingAtOnce(t *testing.T) {
	ctx := context.Background()
	url := dbtest.NewEmptyDatabase(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	applied := make([][]string, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pool, err := db.Open(ctx, url, nil)
			if err != nil {
				errs[i] = err
				return
			}
			defer pool.Close()
			applied[i], errs[i] = db.Migrate(ctx, pool)
		}()
	}
	wg.Wait()
	total := 0
	for i, err := range errs {
		if err != nil {
			t.Errorf("migrator %d: %v", i, err)
		}
		total += len(applied[i])
	}
	pool, err := db.Open(ctx, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	again, err := db.Migrate(ctx, pool)
	if err != nil || len(again) != 0 {
		t.Fatalf("after the concurrent run: applied %v, err %v; want nothing left", again, err)
	}
	var files int
	if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM goose_db_version WHERE version_id > 0)
		+ (SELECT count(*) FROM river_migration)`).Scan(&files); err != nil {
		t.Fatal(err)
	}
	if total != files {
		t.Errorf("the migrators applied %d files in all, the database records %d: some ran twice or not at all", total, files)
	}
}
