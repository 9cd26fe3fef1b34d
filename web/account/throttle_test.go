package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"partnerportal/db/seed"
	"partnerportal/web/webtest"
)

// from is a new browser at address.
func from(t *testing.T, env *webtest.Env, address string) *webtest.Client {
	c := env.Client(t)
	c.Header.Set("X-Forwarded-For", address)
	c.Get(t, "/login")
	return c
}

func guess(t *testing.T, c *webtest.Client, email string) int {
	return c.PostForm(t, "/login", url.Values{"email": {email}, "password": {"a wrong guess"}}).StatusCode
}

// TestTheOwnerIsNeverLockedOut: wrong guesses at an account from many addresses, in a burst and
// then one every 30 seconds, check at most a handful of passwords, and keep out every browser
// that never signed in to it — but not the owner's, which signed in before and carries a
// device cookie: it signs in from wherever it is. An owner on a new browser gets in through a
// password link, which makes that browser theirs too.
func TestTheOwnerIsNeverLockedOut(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.BehindProxy)
	owner := from(t, env, "203.0.113.10")
	owner.SignIn(t, webtest.PartnerA, seed.DemoPassword)
	owner.PostForm(t, "/logout", nil)

	before := env.Hasher.Checks()
	for i := range 200 {
		guess(t, from(t, env, "198.51.100."+webtest.Itoa(int64(i%200+1))), webtest.PartnerA)
	}
	if checks := env.Hasher.Checks() - before; checks > 10 {
		t.Errorf("200 guesses from 200 addresses: %d passwords checked, want at most 10", checks)
	}
	signIn := func(c *webtest.Client, when string) {
		t.Helper()
		r := c.PostForm(t, "/login", url.Values{"email": {webtest.PartnerA}, "password": {seed.DemoPassword}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("the owner %s: %d %q, want signed in", when, r.StatusCode, r.Text(".form__error"))
		}
		c.PostForm(t, "/logout", nil)
		c.Get(t, "/login")
	}
	owner.Header.Set("X-Forwarded-For", "192.0.2.77") // a new address: a train, a hotel
	signIn(owner, "after the burst, from a new address")
	for i := range 10 {
		env.Clock.Advance(30 * time.Second)
		guess(t, from(t, env, "198.51.100.250"), webtest.PartnerA)
		signIn(owner, "during a slow attack ("+webtest.Itoa(int64(i))+")")
	}

	// A browser that never signed in waits, and is told of the way in that always works.
	laptop := from(t, env, "192.0.2.78")
	r := laptop.PostForm(t, "/login", url.Values{"email": {webtest.PartnerA}, "password": {seed.DemoPassword}})
	if r.StatusCode != http.StatusTooManyRequests || !strings.Contains(r.Text(".form__error"), "Forgot your password?") {
		t.Fatalf("the owner on a new browser during the attack: %d %q, want 429 pointing at a password link", r.StatusCode, r.Text(".form__error"))
	}
	laptop.Get(t, "/password/forgot")
	laptop.PostForm(t, "/password/forgot", url.Values{"email": {webtest.PartnerA}})
	link := env.MailLink(t, webtest.PartnerA, "/reset/")
	laptop.Get(t, link)
	if r := laptop.PostForm(t, link, url.Values{"password": {"a brand new password"}, "password_confirm": {"a brand new password"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("set a new password: %d", r.StatusCode)
	}
	guess(t, from(t, env, "198.51.100.251"), webtest.PartnerA)
	if r := laptop.PostForm(t, "/login", url.Values{"email": {webtest.PartnerA}, "password": {"a brand new password"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the owner's new browser after the password link: %d %q, want signed in", r.StatusCode, r.Text(".form__error"))
	}
}

// TestDeviceCookiesDoNotHelpAGuesser: a device cookie counts only for the account it was
// issued for, only as the portal made it, and its own wrong guesses are throttled too.
func TestDeviceCookiesDoNotHelpAGuesser(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.BehindProxy)
	// the owner signed in from their browser before it all
	owner := from(t, env, "203.0.113.10")
	owner.SignIn(t, webtest.PartnerA, seed.DemoPassword)
	owner.PostForm(t, "/logout", nil)
	owner.Get(t, "/login")
	// the guesser signs in to an account of their own first
	guesser := from(t, env, "198.51.100.1")
	guesser.SignIn(t, webtest.PartnerB, seed.DemoPassword)
	guesser.PostForm(t, "/logout", nil)
	guesser.Get(t, "/login")
	before := env.Hasher.Checks()
	for range 50 {
		guess(t, guesser, webtest.PartnerA)
	}
	if checks := env.Hasher.Checks() - before; checks > 5 {
		t.Errorf("50 guesses at A with B's device cookie: %d checked, want at most 5", checks)
	}

	// a forged cookie is no device
	forger := from(t, env, "198.51.100.2")
	u, _ := url.Parse(env.URL)
	forger.HTTP.Jar.SetCookies(u, []*http.Cookie{{Name: "device", Value: "abc.9999999999.forged", Path: "/"}})
	if status := guess(t, forger, webtest.PartnerA); status != http.StatusTooManyRequests {
		t.Errorf("a forged device cookie after the account's budget is spent: %d, want 429", status)
	}

	// the owner's own cookie, stolen, gets that browser's budget and no more (the owner's
	// client stands in for the thief)
	before = env.Hasher.Checks()
	for range 50 {
		guess(t, owner, webtest.PartnerA)
	}
	if checks := env.Hasher.Checks() - before; checks > 5 {
		t.Errorf("50 guesses with the owner's device cookie: %d checked, want at most 5", checks)
	}
}
