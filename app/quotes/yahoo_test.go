package quotes

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db/data"
)

func TestYahooQuotesParse(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path != "/v7/finance/quote" || r.URL.Query().Get("symbols") != "PETR4.SA,VALE3.SA" {
			t.Errorf("unexpected request %s", r.URL)
		}
		serve(t, w, 200, "yahoo_quote.json")
	})
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	qs, err := p.Quotes(context.Background(), []string{"petr4", "VALE3.SA", "PETR4", "bad/../x"})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 || f.count() != 1 {
		t.Fatalf("got %d quotes in %d requests", len(qs), f.count())
	}
	q := qs["PETR4"]
	want := Quote{
		Ticker: "PETR4", Price: dec("31.65"), PrevClose: nd("31.4"), Open: nd("31.42"),
		DayLow: nd("31.36"), DayHigh: nd("31.78"), Low52: nd("29.28"), High52: nd("40.29"),
		Volume: 28453100, MarketCap: dec("412345678848"), Time: time.Unix(1750267802, 0),
	}
	if !sameQuote(q, want) {
		t.Errorf("PETR4 = %+v\nwant    %+v", q, want)
	}
	if q.Price.String() != "31.65" {
		t.Errorf("price not rounded to the tick: %s", q.Price)
	}
	if got := q.Change(); !got.Decimal.Equal(dec("0.8")) {
		t.Errorf("Change() = %s, want 0.8", got.Decimal)
	}
	if v := qs["VALE3"]; v.Volume != 18123000 || !v.Price.Equal(dec("53.35")) || v.Ticker != "VALE3" {
		t.Errorf("VALE3 = %+v", v)
	}
}

func TestYahooEmptyResult(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { serve(t, w, 200, "yahoo_quote_empty.json") })
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	qs, err := p.Quotes(context.Background(), []string{"XXXX3"})
	if err != nil || len(qs) != 0 {
		t.Errorf("unknown ticker: %v, %v", qs, err)
	}
}

func TestYahooBatching(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Write([]byte(yahooResult(strings.Split(r.URL.Query().Get("symbols"), ","))))
	})
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	var tickers []string
	for _, a := range data.Assets()[:149] {
		tickers = append(tickers, a.Ticker)
	}
	tickers = append(tickers, "XXXX3")

	qs, err := p.Quotes(context.Background(), tickers[:100])
	if err != nil || len(qs) != 100 || f.count() != 1 {
		t.Fatalf("100 tickers: %d quotes, %d requests, err %v", len(qs), f.count(), err)
	}
	qs, err = p.Quotes(context.Background(), tickers)
	if err != nil || len(qs) != 149 || f.count() != 3 {
		t.Fatalf("150 tickers: %d quotes, %d requests in total, err %v", len(qs), f.count(), err)
	}
	if n := len(strings.Split(f.req(2).URL.Query().Get("symbols"), ",")); n != 50 {
		t.Errorf("second batch has %d symbols, want 50", n)
	}
	if _, ok := qs["XXXX3"]; ok {
		t.Error("unknown ticker present")
	}
}

func TestYahooRetryThenSuccess(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 1:
			fail(http.StatusTooManyRequests)(w, r, n)
		case 2:
			fail(http.StatusBadGateway)(w, r, n)
		default:
			serve(t, w, 200, "yahoo_quote.json")
		}
	})
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	qs, err := p.Quotes(context.Background(), []string{"PETR4", "VALE3"})
	if err != nil || len(qs) != 2 || f.count() != 3 {
		t.Fatalf("got %d quotes after %d requests, err %v", len(qs), f.count(), err)
	}
}

func TestYahooNetworkErrorRetried(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			// Drop the connection mid-request.
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		serve(t, w, 200, "yahoo_quote.json")
	})
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	qs, err := p.Quotes(context.Background(), []string{"PETR4", "VALE3"})
	if err != nil || len(qs) != 2 || f.count() != 2 {
		t.Fatalf("got %d quotes after %d requests, err %v", len(qs), f.count(), err)
	}
}

func TestYahoo4xxNotRetried(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { serve(t, w, 401, "yahoo_unauthorized.json") })
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	_, err := p.Quotes(context.Background(), []string{"PETR4"})
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 401 || he.Message != "Unauthorized: Invalid Crumb" {
		t.Fatalf("error = %v", err)
	}
	if f.count() != 1 {
		t.Errorf("401 was tried %d times", f.count())
	}
}

func TestYahooHistory(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		q := r.URL.Query()
		if r.URL.Path != "/v8/finance/chart/PETR4.SA" || q.Get("interval") != "1d" ||
			(n == 1 && (q.Get("period1") != "1749783600" || q.Get("period2") != "1750302000")) {
			t.Errorf("unexpected request %s", r.URL)
		}
		serve(t, w, 200, "yahoo_chart.json")
	})
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	from := time.Date(2025, 6, 13, 9, 0, 0, 0, BRT)
	to := time.Date(2025, 6, 18, 15, 0, 0, 0, BRT)
	bars, err := p.History(context.Background(), "petr4", from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := []Bar{
		{Day: time.Date(2025, 6, 13, 0, 0, 0, 0, BRT), Open: dec("30.86"), High: dec("31.33"), Low: dec("30.80"), Close: dec("31.20"), Volume: 30187600},
		{Day: time.Date(2025, 6, 17, 0, 0, 0, 0, BRT), Open: dec("31.25"), High: dec("31.50"), Low: dec("31.10"), Close: dec("31.40"), Volume: 26711400},
		{Day: time.Date(2025, 6, 18, 0, 0, 0, 0, BRT), Open: dec("31.42"), High: dec("31.78"), Low: dec("31.36"), Close: dec("31.65"), Volume: 28453100},
	}
	if len(bars) != len(want) {
		t.Fatalf("got %d bars, want %d (null day skipped): %+v", len(bars), len(want), bars)
	}
	for i := range want {
		if !sameBar(bars[i], want[i]) {
			t.Errorf("bar %d = %+v\nwant    %+v", i, bars[i], want[i])
		}
	}
	// Narrower window is clipped locally.
	bars, _ = p.History(context.Background(), "PETR4", to, to)
	if len(bars) != 1 || !bars[0].Close.Equal(dec("31.65")) {
		t.Errorf("one-day window: %+v", bars)
	}
}

func TestYahooHistoryNotFound(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { serve(t, w, 404, "yahoo_chart_notfound.json") })
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	_, err := p.History(context.Background(), "XXXX3", time.Now().AddDate(0, -1, 0), time.Now())
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "symbol may be delisted") {
		t.Errorf("error = %v", err)
	}
	if f.count() != 1 {
		t.Errorf("404 was tried %d times", f.count())
	}
}

func TestBreakerOpensAndHalfOpens(t *testing.T) {
	clock := newClock()
	f := newFake(t, fail(http.StatusInternalServerError))
	opts := testOpts(f.URL, clock)
	opts.MaxAttempts = 1
	p := mustNew(t, "yahoo", opts)
	r := p.(*remote)
	ctx := context.Background()

	for i := range 3 {
		if _, err := p.Quotes(ctx, []string{"PETR4"}); err == nil {
			t.Fatalf("call %d succeeded against a failing upstream", i)
		}
	}
	if r.BreakerState() != stateOpen || f.count() != 3 {
		t.Fatalf("after 3 failures: state %s, %d requests", r.BreakerState(), f.count())
	}
	_, err := p.Quotes(ctx, []string{"PETR4"})
	if !errors.Is(err, ErrCircuitOpen) || f.count() != 3 {
		t.Fatalf("open breaker: err %v, %d requests", err, f.count())
	}
	_, err = p.History(ctx, "PETR4", clock.Now().AddDate(0, -1, 0), clock.Now())
	if !errors.Is(err, ErrCircuitOpen) || f.count() != 3 {
		t.Fatalf("open breaker (history): err %v, %d requests", err, f.count())
	}

	// Cool-down passes; the half-open probe fails and re-opens it.
	clock.Advance(time.Minute)
	if r.BreakerState() != stateHalfOpen {
		t.Fatalf("after cool-down: %s", r.BreakerState())
	}
	if _, err := p.Quotes(ctx, []string{"PETR4"}); err == nil || f.count() != 4 {
		t.Fatalf("probe: err %v, %d requests", err, f.count())
	}
	if _, err := p.Quotes(ctx, []string{"PETR4"}); !errors.Is(err, ErrCircuitOpen) || f.count() != 4 {
		t.Fatalf("re-opened breaker: err %v, %d requests", err, f.count())
	}

	// Next probe succeeds and closes it.
	clock.Advance(time.Minute)
	f.set(func(w http.ResponseWriter, r *http.Request, n int) { serve(t, w, 200, "yahoo_quote.json") })
	if qs, err := p.Quotes(ctx, []string{"PETR4"}); err != nil || len(qs) != 2 {
		t.Fatalf("probe after recovery: %v, %v", qs, err)
	}
	if r.BreakerState() != stateClosed {
		t.Errorf("after a good probe: %s", r.BreakerState())
	}
}

func TestBreakerSingleProbe(t *testing.T) {
	clock := newClock()
	b := newBreaker(1, time.Minute, clock.Now)
	b.failure()
	if b.allow() {
		t.Fatal("open breaker allowed a request")
	}
	clock.Advance(time.Minute)
	if !b.allow() {
		t.Fatal("half-open breaker refused the probe")
	}
	if b.allow() {
		t.Fatal("half-open breaker allowed a second concurrent probe")
	}
	b.abort()
	if !b.allow() {
		t.Fatal("aborted probe did not free the slot")
	}
	b.success()
	for i := range 3 { // closed again: every request goes through
		if !b.allow() {
			t.Fatalf("closed breaker refused request %d", i+1)
		}
	}
}

func TestYahooStaleAfterFailure(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { serve(t, w, 200, "yahoo_quote.json") })
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	ctx := context.Background()
	fresh, err := p.Quotes(ctx, []string{"PETR4", "VALE3"})
	if err != nil {
		t.Fatal(err)
	}
	f.set(fail(http.StatusServiceUnavailable))
	got, err := p.Quotes(ctx, []string{"PETR4", "VALE3", "ITUB4"})
	if err != nil {
		t.Fatalf("stale data available but got error %v", err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d quotes, want the 2 known ones", len(got))
	}
	for tk, q := range got {
		if !q.Stale {
			t.Errorf("%s not marked stale", tk)
		}
		q.Stale = false
		if !sameQuote(q, fresh[tk]) {
			t.Errorf("%s stale copy differs: %+v vs %+v", tk, q, fresh[tk])
		}
	}
	if fresh["PETR4"].Stale {
		t.Error("stale marking leaked into the earlier result")
	}
	if _, err := p.Quotes(ctx, []string{"ITUB4"}); err == nil {
		t.Error("nothing known about ITUB4 but no error")
	}
	// Recovery clears the flag.
	f.set(func(w http.ResponseWriter, r *http.Request, n int) { serve(t, w, 200, "yahoo_quote.json") })
	got, err = p.Quotes(ctx, []string{"PETR4"})
	if err != nil || got["PETR4"].Stale {
		t.Errorf("after recovery: %+v, %v", got["PETR4"], err)
	}
}

func TestYahooContextTimeout(t *testing.T) {
	release := make(chan struct{})
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := p.Quotes(ctx, []string{"PETR4"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %s despite a 50ms deadline", d)
	}
	if f.count() != 1 {
		t.Errorf("retried %d times after the caller gave up", f.count()-1)
	}
	if st := p.(*remote).BreakerState(); st != stateClosed {
		t.Errorf("caller cancellation tripped the breaker: %s", st)
	}
}

func TestPerRequestTimeout(t *testing.T) {
	release := make(chan struct{})
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	opts := testOpts(f.URL, newClock())
	opts.Timeout = 30 * time.Millisecond
	opts.MaxAttempts = 2
	p := mustNew(t, "yahoo", opts)
	_, err := p.Quotes(context.Background(), []string{"PETR4"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want a timeout", err)
	}
	if f.count() != 2 {
		t.Errorf("%d attempts, want 2 (timeouts are retried)", f.count())
	}
}
