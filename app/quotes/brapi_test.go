package quotes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db/data"
)

// brapiGenerated answers like brapi for any list of known tickers and with
// 404 for the whole request when one is unknown (XXXX*), as brapi does.
func brapiGenerated(w http.ResponseWriter, r *http.Request, n int) {
	syms := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/quote/"), ",")
	var parts []string
	for _, s := range syms {
		if strings.HasPrefix(s, "XXXX") {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, `{"error":true,"message":"Não encontramos a ação %s"}`, s)
			return
		}
		parts = append(parts, fmt.Sprintf(`{"symbol":%q,"regularMarketPrice":20.1,"regularMarketPreviousClose":20,"regularMarketTime":"2025-06-18T17:30:02.000Z"}`, s))
	}
	fmt.Fprintf(w, `{"results":[%s],"requestedAt":"2025-06-18T17:30:05.312Z","took":"0ms"}`, strings.Join(parts, ","))
}

func TestBrapiQuotesParse(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path != "/api/quote/PETR4,HGLG11" || r.URL.Query().Get("token") != "secret" {
			t.Errorf("unexpected request %s", r.URL)
		}
		serve(t, w, 200, "brapi_quote.json")
	})
	opts := testOpts(f.URL, newClock())
	opts.Token = "secret"
	p := mustNew(t, "brapi", opts)
	qs, err := p.Quotes(context.Background(), []string{"PETR4", "hglg11.sa"})
	if err != nil {
		t.Fatal(err)
	}
	want := Quote{
		Ticker: "PETR4", Price: dec("31.65"), PrevClose: nd("31.40"), Open: nd("31.42"),
		DayLow: nd("31.36"), DayHigh: nd("31.78"), Low52: nd("29.28"), High52: nd("40.29"),
		Volume: 28453100, MarketCap: dec("412345678848"), Time: time.Date(2025, 6, 18, 14, 30, 2, 0, BRT),
	}
	if !sameQuote(qs["PETR4"], want) {
		t.Errorf("PETR4 = %+v\nwant    %+v", qs["PETR4"], want)
	}
	h := qs["HGLG11"]
	if !h.Price.Equal(dec("158.58")) || !h.MarketCap.IsZero() || h.Volume != 61234 || !h.Low52.Decimal.Equal(dec("146")) {
		t.Errorf("HGLG11 = %+v", h)
	}
	if p.Name() != "brapi" {
		t.Errorf("Name() = %q", p.Name())
	}
}

func TestBrapiBatchSize(t *testing.T) {
	f := newFake(t, brapiGenerated)
	opts := testOpts(f.URL, newClock())
	opts.BatchSize = 10
	p := mustNew(t, "brapi", opts)
	var tickers []string
	for _, a := range data.Assets()[:25] {
		tickers = append(tickers, a.Ticker)
	}
	qs, err := p.Quotes(context.Background(), tickers)
	if err != nil || len(qs) != 25 || f.count() != 3 {
		t.Fatalf("25 tickers in batches of 10: %d quotes, %d requests, err %v", len(qs), f.count(), err)
	}
}

func TestBrapiUnknownTickerSplitsBatch(t *testing.T) {
	f := newFake(t, brapiGenerated)
	p := mustNew(t, "brapi", testOpts(f.URL, newClock()))
	qs, err := p.Quotes(context.Background(), []string{"PETR4", "VALE3", "XXXX3", "ITUB4"})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 3 {
		t.Errorf("got %v, want the 3 known tickers", qs)
	}
	if _, ok := qs["XXXX3"]; ok {
		t.Error("unknown ticker present")
	}
	// all(404) → [PETR4 VALE3] ok, [XXXX3 ITUB4] 404 → [XXXX3] 404, [ITUB4] ok.
	if f.count() != 5 {
		t.Errorf("%d requests, want 5", f.count())
	}
}

func TestBrapiErrors(t *testing.T) {
	for _, tc := range []struct {
		status   int
		file     string
		attempts int
		notFound bool
		msg      string
	}{
		{401, "brapi_401.json", 1, false, "token é inválido"},
		{404, "brapi_404.json", 1, true, "Não encontramos"},
		{429, "brapi_429.json", 3, false, "limite de requisições"},
	} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { serve(t, w, tc.status, tc.file) })
			p := mustNew(t, "brapi", testOpts(f.URL, newClock()))
			_, err := p.History(context.Background(), "XXXX3", time.Now().AddDate(0, -1, 0), time.Now())
			var he *HTTPError
			if !errors.As(err, &he) || he.Status != tc.status || !strings.Contains(he.Message, tc.msg) {
				t.Fatalf("error = %v", err)
			}
			if errors.Is(err, ErrNotFound) != tc.notFound {
				t.Errorf("errors.Is(ErrNotFound) = %v", !tc.notFound)
			}
			if f.count() != tc.attempts {
				t.Errorf("%d attempts, want %d", f.count(), tc.attempts)
			}
		})
	}
}

func TestBrapi429ThenSuccess(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			serve(t, w, 429, "brapi_429.json")
			return
		}
		serve(t, w, 200, "brapi_quote.json")
	})
	p := mustNew(t, "brapi", testOpts(f.URL, newClock()))
	qs, err := p.Quotes(context.Background(), []string{"PETR4", "HGLG11"})
	if err != nil || len(qs) != 2 || f.count() != 2 {
		t.Fatalf("%d quotes after %d requests, err %v", len(qs), f.count(), err)
	}
}

func TestBrapiStale(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { serve(t, w, 200, "brapi_quote.json") })
	p := mustNew(t, "brapi", testOpts(f.URL, newClock()))
	ctx := context.Background()
	if _, err := p.Quotes(ctx, []string{"PETR4", "HGLG11"}); err != nil {
		t.Fatal(err)
	}
	f.set(func(w http.ResponseWriter, r *http.Request, n int) { serve(t, w, 401, "brapi_401.json") })
	qs, err := p.Quotes(ctx, []string{"PETR4", "HGLG11"})
	if err != nil || len(qs) != 2 || !qs["PETR4"].Stale || !qs["HGLG11"].Stale || !qs["PETR4"].Price.Equal(dec("31.65")) {
		t.Errorf("stale fallback: %+v, %v", qs, err)
	}
}

func TestBrapiHistory(t *testing.T) {
	clock := newClock()
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		q := r.URL.Query()
		if r.URL.Path != "/api/quote/PETR4" || q.Get("range") != "5d" || q.Get("interval") != "1d" || q.Get("token") != "tk" {
			t.Errorf("unexpected request %s", r.URL)
		}
		serve(t, w, 200, "brapi_history.json")
	})
	opts := testOpts(f.URL, clock)
	opts.Token = "tk"
	p := mustNew(t, "brapi", opts)
	bars, err := p.History(context.Background(), "PETR4", time.Date(2025, 6, 13, 0, 0, 0, 0, BRT), clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	days := []int{13, 16, 17, 18}
	if len(bars) != len(days) {
		t.Fatalf("got %d bars: %+v", len(bars), bars)
	}
	for i, b := range bars {
		if b.Day.Day() != days[i] || !b.Day.Equal(time.Date(2025, 6, days[i], 0, 0, 0, 0, BRT)) {
			t.Errorf("bar %d is for %s, want June %d (sorted)", i, b.Day, days[i])
		}
	}
	want := Bar{Day: time.Date(2025, 6, 18, 0, 0, 0, 0, BRT), Open: dec("31.42"), High: dec("31.78"), Low: dec("31.36"), Close: dec("31.65"), Volume: 28453100}
	if !sameBar(bars[3], want) {
		t.Errorf("last bar %+v, want %+v", bars[3], want)
	}
}

func TestBrapiRange(t *testing.T) {
	now := time.Date(2025, 6, 18, 18, 0, 0, 0, BRT)
	for _, tc := range []struct {
		back time.Duration
		want string
	}{
		{2 * 24 * time.Hour, "5d"},
		{20 * 24 * time.Hour, "1mo"},
		{200 * 24 * time.Hour, "1y"},
		{5 * 365 * 24 * time.Hour, "5y"},
		{30 * 365 * 24 * time.Hour, "max"},
	} {
		if got := brapiRange(now, now.Add(-tc.back)); got != tc.want {
			t.Errorf("brapiRange(%s back) = %s, want %s", tc.back, got, tc.want)
		}
	}
}
