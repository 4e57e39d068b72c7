package quotes

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/db/data"
)

// The simulated index is Σ shares × close of the sim's IBOV constituents over
// a divisor that puts its first day at 120.000, and the same on every run.
func TestSimIndexIsDeterministic(t *testing.T) {
	now := simNow
	ctx := context.Background()
	from, to := simNow.AddDate(0, -1, 0), simNow
	a, err := newSimAt(t, 7, &now).(IndexProvider).IndexHistory(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newSimAt(t, 7, &now).(IndexProvider).IndexHistory(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if len(a) < 15 || len(a) != len(b) {
		t.Fatalf("%d and %d days", len(a), len(b))
	}
	for i := range a {
		if !sameBar(a[i], b[i]) {
			t.Fatalf("day %d differs: %+v %+v", i, a[i], b[i])
		}
	}
	first, err := newSimAt(t, 7, &now).(IndexProvider).IndexHistory(ctx, simStart, simStart)
	if err != nil || len(first) != 1 || !first[0].Close.Equal(decimal.NewFromInt(120_000)) {
		t.Fatalf("first day %+v, %v; want 120.000 points", first, err)
	}
	// One day recomputed by hand from the constituents' closes.
	p := newSimAt(t, 7, &now)
	var base, sum decimal.Decimal
	last := a[len(a)-1]
	for _, as := range data.Assets() {
		if as.Market != data.IBOV {
			continue
		}
		f, _ := p.History(ctx, as.Ticker, simStart, simStart)
		d, _ := p.History(ctx, as.Ticker, last.Day, last.Day)
		if len(f) == 0 || len(d) == 0 {
			continue
		}
		base = base.Add(f[0].Close.Mul(decimal.NewFromInt(as.Shares)))
		sum = sum.Add(d[0].Close.Mul(decimal.NewFromInt(as.Shares)))
	}
	if want := sum.Mul(decimal.NewFromInt(120_000)).DivRound(base, 2); !last.Close.Equal(want) {
		t.Fatalf("last day %s, want %s", last.Close, want)
	}
}

// Yahoo's index is ^BVSP on the chart endpoint, escaped in the path.
func TestYahooIndexHistory(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.EscapedPath() != "/v8/finance/chart/%5EBVSP" {
			t.Errorf("unexpected request %s", r.URL)
		}
		serve(t, w, 200, "yahoo_chart.json")
	})
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	bars, err := p.(IndexProvider).IndexHistory(context.Background(), time.Date(2025, 6, 13, 0, 0, 0, 0, BRT), time.Date(2025, 6, 18, 0, 0, 0, 0, BRT))
	if err != nil || len(bars) != 3 {
		t.Fatalf("%d bars, %v", len(bars), err)
	}
	// The index never passes as a ticker.
	if _, ok := data.Ticker("^BVSP"); ok {
		t.Error("^BVSP reads as a ticker")
	}
	if _, ok := data.Ticker(IndexKey); ok {
		t.Error("the index key reads as a ticker")
	}
}

// brapi's index is ^BVSP on the quote endpoint, escaped in the path.
func TestBrapiIndexHistory(t *testing.T) {
	clock := newClock()
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.EscapedPath() != "/api/quote/%5EBVSP" || r.URL.Query().Get("interval") != "1d" {
			t.Errorf("unexpected request %s", r.URL)
		}
		serve(t, w, 200, "brapi_history.json")
	})
	p := mustNew(t, "brapi", testOpts(f.URL, clock))
	bars, err := p.(IndexProvider).IndexHistory(context.Background(), time.Date(2025, 6, 13, 0, 0, 0, 0, BRT), clock.Now())
	if err != nil || len(bars) != 4 {
		t.Fatalf("%d bars, %v", len(bars), err)
	}
}
