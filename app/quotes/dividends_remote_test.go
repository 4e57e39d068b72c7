package quotes

import (
	"context"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// The fixtures follow the published shape of each API (brapi's
// dividendsData.cashDividends, Yahoo's chart events=div); they were written
// for these tests, not recorded, as this machine has no access to the APIs.

func TestBrapiDividends(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path != "/api/quote/ITSA4" || r.URL.Query().Get("dividends") != "true" {
			t.Errorf("unexpected request %s", r.URL)
		}
		serve(t, w, 200, "brapi_dividends.json")
	})
	p := mustNew(t, "brapi", testOpts(f.URL, newClock()))
	got, err := p.(DividendSource).Dividends(context.Background(), "itsa4", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	// 2024's JCP is outside the window; a payment without a rate is skipped;
	// one without a payment date yet is dated by its data com.
	want := []Dividend{
		{Ticker: "ITSA4", Kind: Dividendo, Ex: "2025-03-24", Pay: "2025-03-24", PerShare: decimal.RequireFromString("0.13541234")},
		{Ticker: "ITSA4", Kind: JCP, Ex: "2025-05-30", Pay: "2025-07-01", PerShare: decimal.RequireFromString("0.02")},
	}
	if !sameDividends(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestYahooDividends(t *testing.T) {
	f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path != "/v8/finance/chart/HGLG11.SA" || r.URL.Query().Get("events") != "div" {
			t.Errorf("unexpected request %s", r.URL)
		}
		serve(t, w, 200, "yahoo_dividends.json")
	})
	p := mustNew(t, "yahoo", testOpts(f.URL, newClock()))
	got, err := p.(DividendSource).Dividends(context.Background(), "HGLG11", time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	// Ex-dates at 09:00 BRT on 02/05 and 02/06/2025; a zero amount is skipped.
	want := []Dividend{
		{Ticker: "HGLG11", Kind: Dividendo, Ex: "2025-05-02", Pay: "2025-05-02", PerShare: decimal.RequireFromString("1.1")},
		{Ticker: "HGLG11", Kind: Dividendo, Ex: "2025-06-02", Pay: "2025-06-02", PerShare: decimal.RequireFromString("1.1")},
	}
	if !sameDividends(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func sameDividends(a, b []Dividend) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if !x.PerShare.Equal(y.PerShare) {
			return false
		}
		x.PerShare, y.PerShare = decimal.Zero, decimal.Zero
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}
