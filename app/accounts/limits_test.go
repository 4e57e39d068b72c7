package accounts_test

import (
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/stonks-b3/stonks/app/accounts"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// behindProxy is a server that trusts the in-process test peer (0.0.0.0) as
// its reverse proxy, so each client's X-Forwarded-For is its address.
func behindProxy(t *testing.T, fn func(t *testing.T, srv *server.Server)) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		cfg := apptest.Config(t)
		cfg.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/32")}
		fn(t, apptest.New(t, store, &cfg))
	})
}

func clientAt(t *testing.T, srv *server.Server, ip string) *apptest.Client {
	c := apptest.NewClient(t, srv)
	c.Header.Set("X-Forwarded-For", ip)
	c.Get("/") // the CSRF cookie, before any parallel POST
	return c
}

// 40 parallel wrong passwords for one account: at most 5 are checked, the
// others are refused with 429 before argon2id runs.
func TestLoginThrottleHoldsUnderConcurrency(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		apptest.NewClient(t, srv).Register("gina")
		var checks atomic.Int32
		srv.Env.PasswordCheck = func(pw, hash string) bool {
			checks.Add(1)
			ok, _ := argon2id.ComparePasswordAndHash(pw, hash)
			return ok
		}
		clients := make([]*apptest.Client, 40)
		for i := range clients {
			clients[i] = apptest.NewClient(t, srv)
			clients[i].Get("/")
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		status := map[int]int{}
		for i, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := c.Post("/login/", url.Values{"username": {"gina"}, "password": {"guess " + strconv.Itoa(i)}})
				if r.StatusCode == http.StatusTooManyRequests && r.Header.Get("Retry-After") == "" {
					t.Error("429 without Retry-After")
				}
				mu.Lock()
				status[r.StatusCode]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		if n := checks.Load(); n > 5 {
			t.Fatalf("%d passwords checked for 40 parallel attempts, limit 5 (statuses %v)", n, status)
		}
		if status[http.StatusUnprocessableEntity]+status[http.StatusTooManyRequests] != 40 || status[http.StatusTooManyRequests] < 35 {
			t.Fatalf("statuses %v: want at most 5 × 422, the rest 429", status)
		}
	})
}

// Behind a trusted proxy, one client's failures lock that client out, not
// everyone who comes through the same proxy.
func TestLoginThrottlePerClientBehindProxy(t *testing.T) {
	behindProxy(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		clientAt(t, srv, "198.51.100.9").Register("ines")
		bad := clientAt(t, srv, "203.0.113.5")
		for i := 0; i < 20; i++ {
			name := "someone" + strconv.Itoa(i%5)
			if r := bad.Post("/login/", url.Values{"username": {name}, "password": {"guess"}}); r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("failure %d: %d", i, r.StatusCode)
			}
		}
		if r := bad.Post("/login/", url.Values{"username": {"ines"}, "password": {apptest.Password}}); r.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("guessing client's 21st try: %d, want 429", r.StatusCode)
		}
		good := clientAt(t, srv, "198.51.100.9")
		if r := good.Post("/login/", url.Values{"username": {"ines"}, "password": {apptest.Password}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("another client behind the same proxy: %d, want 303", r.StatusCode)
		}
	})
}

// Password hashing runs at most HashSlots() at once; one more waits, then
// gets 503 with Retry-After instead of taking another 19 MiB.
func TestPasswordHashingIsCapped(t *testing.T) {
	behindProxy(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		slots := accounts.HashSlots()
		release := make(chan struct{})
		var inFlight atomic.Int32
		srv.Env.PasswordCheck = func(pw, hash string) bool {
			inFlight.Add(1)
			<-release
			return false
		}
		var wg sync.WaitGroup
		for i := 0; i < slots; i++ {
			c := clientAt(t, srv, "192.0.2."+strconv.Itoa(i+1))
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.Post("/login/", url.Values{"username": {"user" + strconv.Itoa(i)}, "password": {"guess"}})
			}()
		}
		defer func() { close(release); wg.Wait() }()
		for deadline := time.Now().Add(30 * time.Second); inFlight.Load() < int32(slots); {
			if time.Now().After(deadline) {
				t.Fatalf("only %d of %d password checks started", inFlight.Load(), slots)
			}
			time.Sleep(5 * time.Millisecond)
		}
		extra := clientAt(t, srv, "192.0.2.200")
		r := extra.Post("/login/", url.Values{"username": {"late"}, "password": {"guess"}})
		if r.StatusCode != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" {
			t.Fatalf("login beyond %d concurrent hashes: %d Retry-After %q, want 503 with Retry-After", slots, r.StatusCode, r.Header.Get("Retry-After"))
		}
		if n := inFlight.Load(); n != int32(slots) {
			t.Fatalf("%d password checks ran at once, cap %d", n, slots)
		}
		r = extra.Post("/register/", registerForm("late", "late@example.com", "vale tudo 42", "vale tudo 42"))
		if r.StatusCode != http.StatusServiceUnavailable || exists(t, srv, "late") {
			t.Fatalf("sign-up beyond the cap: %d, want 503 and no user", r.StatusCode)
		}
	})
}

// Sign-ups are limited per client address; another address is not affected.
func TestSignupsLimitedPerAddress(t *testing.T) {
	behindProxy(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		for i := 0; i < 10; i++ {
			clientAt(t, srv, "203.0.113.7").Register("bulk" + strconv.Itoa(i))
		}
		c := clientAt(t, srv, "203.0.113.7")
		r := c.Post("/register/", registerForm("bulk10", "b10@example.com", "vale tudo 42", "vale tudo 42"))
		if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
			t.Fatalf("11th sign-up from one address: %d Retry-After %q, want 429 with Retry-After", r.StatusCode, r.Header.Get("Retry-After"))
		}
		if exists(t, srv, "bulk10") {
			t.Fatal("the refused sign-up was written")
		}
		clientAt(t, srv, "203.0.113.8").Register("other")
	})
}
