package webtest

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"

	"partnerportal/db"
	"partnerportal/db/dbtest"
	"partnerportal/db/seed"
	"partnerportal/web/clock"
)

// Main runs a package's tests; the package's TestMain calls it:
//
//	func TestMain(m *testing.M) { webtest.Main(m) }
//
// Every portal the tests start is a clone of one database that the first of them seeds with the
// demo data, because seeding each portal afresh cost more than cloning a seeded one. Main drops
// that database when the tests are done.
func Main(m *testing.M) {
	demo.main = true
	m.Run()
	if demo.drop == nil {
		return
	}
	if err := demo.drop(); err != nil {
		// The tests have their verdict; a database left behind is the server's to clean up.
		fmt.Fprintf(os.Stderr, "webtest: drop the demo template %s: %v\n", demo.name, err)
	}
}

// demo is the seeded template of this test binary.
var demo struct {
	main bool // set by Main, before any test runs
	once sync.Once
	name string
	drop func() error
	err  error
}

// demoTemplate returns the seeded template, making it on the first call.
func demoTemplate(t testing.TB) string {
	t.Helper()
	if !demo.main {
		t.Fatal("webtest: the package's TestMain must call webtest.Main, which drops the demo template after the tests")
	}
	demo.once.Do(func() {
		demo.name, demo.drop, demo.err = dbtest.NewTemplate(context.Background(), seedDemo)
	})
	if demo.err != nil {
		t.Fatalf("webtest: seed the demo data: %v", demo.err)
	}
	return demo.name
}

// seedDemo puts the demo data, as of the day every test portal starts on, into the database at
// url.
func seedDemo(ctx context.Context, url string) error {
	pool, err := db.Open(ctx, url, nil)
	if err != nil {
		return err
	}
	defer pool.Close()
	_, err = seed.Demo(ctx, pool, cheapHasher{}, clock.Date(Start, time.UTC))
	return err
}

// cheapHasher hashes the demo password with argon2id at its lowest cost. The portal reads the
// cost from the stored hash, so a sign-in in a test still takes the portal's own path, without
// the production cost that hundreds of sign-ins under the race detector would add up to.
// Passwords that tests set through the portal are hashed by its Hasher at full cost.
type cheapHasher struct{}

func (cheapHasher) Hash(password string) string {
	const memory, passes, threads, keyLen = 8, 1, 1, 32 // 8 KiB per thread is argon2's minimum
	salt := make([]byte, 16)
	_, _ = rand.Read(salt) // never fails
	key := argon2.IDKey([]byte(password), salt, passes, memory, threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memory, passes, threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}
