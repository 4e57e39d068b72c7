package quotes

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fake is an httptest upstream that counts requests and lets each test
// decide the answer per hit (n starts at 1).
type fake struct {
	*httptest.Server
	mu     sync.Mutex
	hits   int
	reqs   []*http.Request
	handle func(w http.ResponseWriter, r *http.Request, n int)
}

func newFake(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int)) *fake {
	f := &fake{handle: handle}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.hits++
		n := f.hits
		f.reqs = append(f.reqs, r.Clone(r.Context()))
		h := f.handle
		f.mu.Unlock()
		h(w, r, n)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fake) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits
}

func (f *fake) set(handle func(w http.ResponseWriter, r *http.Request, n int)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handle = handle
}

func (f *fake) req(i int) *http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reqs[i]
}

// serve writes a recorded response from testdata.
func serve(t *testing.T, w http.ResponseWriter, status int, file string) {
	body, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Error(err)
		status = 599
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

func fail(status int) func(w http.ResponseWriter, r *http.Request, n int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":true,"message":"status %d"}`, status)
	}
}

// manualClock is a settable clock for breaker cool-downs.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// testOpts: fast backoff so retries don't slow the suite.
func testOpts(base string, clock *manualClock) Options {
	return Options{
		BaseURL:          base,
		Clock:            clock.Now,
		Timeout:          5 * time.Second,
		MaxAttempts:      3,
		Backoff:          time.Millisecond,
		MaxBackoff:       2 * time.Millisecond,
		BreakerThreshold: 3,
		BreakerCooldown:  time.Minute,
	}
}

func newClock() *manualClock { return &manualClock{now: time.Date(2025, 6, 18, 18, 0, 0, 0, BRT)} }

func mustNew(t *testing.T, name string, opts Options) Provider {
	t.Helper()
	p, err := New(name, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// yahooResult builds a minimal v7 result for generated responses.
func yahooResult(symbols []string) string {
	var parts []string
	for _, s := range symbols {
		if strings.HasPrefix(s, "XXXX") {
			continue // unknown to the upstream
		}
		parts = append(parts, fmt.Sprintf(`{"symbol":%q,"regularMarketPrice":10.5,"regularMarketPreviousClose":10,"regularMarketTime":1750267802}`, s))
	}
	return `{"quoteResponse":{"result":[` + strings.Join(parts, ",") + `],"error":null}}`
}
