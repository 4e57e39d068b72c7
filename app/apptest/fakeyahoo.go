package apptest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
)

// FakeYahoo answers Yahoo's batched quote endpoint with a price that moves
// on every request, and records each request's time and symbol count.
type FakeYahoo struct {
	*httptest.Server
	mu       sync.Mutex
	requests []Request
	n        atomic.Int64
}

// Request is one call the fake received.
type Request struct {
	At      time.Time
	Symbols int
}

// NewFakeYahoo starts the fake until the test ends.
func NewFakeYahoo(t *testing.T) *FakeYahoo {
	f := &FakeYahoo{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v7/finance/quote" {
			http.NotFound(w, r)
			return
		}
		syms := strings.Split(r.URL.Query().Get("symbols"), ",")
		n := f.n.Add(1)
		f.mu.Lock()
		f.requests = append(f.requests, Request{time.Now(), len(syms)})
		f.mu.Unlock()
		var rows []string
		for i, s := range syms {
			price := fmt.Sprintf("%d.%02d", 10+i, n%100)
			rows = append(rows, fmt.Sprintf(`{"symbol":%q,"regularMarketPrice":%s,"regularMarketPreviousClose":10.00,"regularMarketOpen":10.10,`+
				`"regularMarketDayLow":9.50,"regularMarketDayHigh":%s,"fiftyTwoWeekLow":8.00,"fiftyTwoWeekHigh":150.00,`+
				`"regularMarketVolume":%d,"marketCap":1000000000,"regularMarketTime":%d}`, s, price, price, 1000+n, time.Now().Unix()))
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"quoteResponse":{"result":[%s],"error":null}}`, strings.Join(rows, ","))
	}))
	t.Cleanup(f.Close)
	return f
}

// Log returns the requests so far.
func (f *FakeYahoo) Log() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.requests...)
}

// Provider is a server option that makes the app fetch quotes from f.
func (f *FakeYahoo) Provider(t testing.TB) server.Option {
	p, err := quotes.New("yahoo", quotes.Options{BaseURL: f.URL, Clock: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	return server.WithProvider(p)
}
