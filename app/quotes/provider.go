// Package quotes fetches B3 market data (latest quotes and daily bars) from
// interchangeable providers: an offline deterministic simulator ("sim"),
// Yahoo Finance ("yahoo") and brapi.dev ("brapi").
//
// Money is always decimal.Decimal rounded to the B3 tick (0.01 BRL).
// Tickers are B3 codes without the ".SA" suffix.
package quotes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/db/data"
)

// Quote is the latest known state of one ticker.
type Quote struct {
	Ticker                                                 string
	Price, PrevClose, Open, DayLow, DayHigh, Low52, High52 decimal.Decimal
	Volume                                                 int64           // shares traded today
	MarketCap                                              decimal.Decimal // BRL; zero when unknown
	Time                                                   time.Time       // when the price was observed (exchange or fetch time)
	Stale                                                  bool            // old data served because the provider failed
}

var hundred = decimal.NewFromInt(100)

// Change is the percent change against the previous close, rounded to 2
// decimals; zero when the previous close is unknown.
func (q Quote) Change() decimal.Decimal {
	if q.PrevClose.IsZero() {
		return decimal.Zero
	}
	return q.Price.Div(q.PrevClose).Sub(decimal.NewFromInt(1)).Mul(hundred).Round(2)
}

// Bar is one trading day. Day is midnight (BRT) of the session date.
type Bar struct {
	Day                    time.Time
	Open, High, Low, Close decimal.Decimal
	Volume                 int64
}

// Provider is a source of quotes and daily history.
type Provider interface {
	Name() string
	// Quotes returns the latest quotes for many tickers in one upstream call
	// (batched); unknown tickers are simply absent from the map.
	Quotes(ctx context.Context, tickers []string) (map[string]Quote, error)
	// History returns daily OHLCV bars, oldest first, for days in [from, to].
	History(ctx context.Context, ticker string, from, to time.Time) ([]Bar, error)
}

// Options configures a provider. Zero values mean sensible defaults.
type Options struct {
	BaseURL    string       // upstream root, e.g. https://brapi.dev (tests point it at httptest)
	Token      string       // brapi token (the app reads BRAPI_TOKEN)
	HTTPClient *http.Client // defaults to a plain client; per-request timeouts come from Timeout
	Seed       int64        // sim: same seed + same clock → same data
	// SimAlways makes the sim trade every day around the clock instead of B3's
	// 10:00–17:00 on business days, so the demo shows moving prices whenever
	// someone looks, weekends included (SIM_SESSION=always).
	SimAlways bool
	Clock     func() time.Time

	Timeout     time.Duration // per upstream request; default 10s
	MaxAttempts int           // attempts per request incl. the first; default 3
	Backoff     time.Duration // first retry delay, doubled each time, with jitter; default 300ms
	MaxBackoff  time.Duration // cap for one delay; default 5s

	BreakerThreshold int           // consecutive failed requests that open the breaker; default 5
	BreakerCooldown  time.Duration // how long it stays open before a half-open probe; default 30s

	BatchSize int // symbols per upstream request; yahoo default and max 100, brapi default 20
}

// Errors returned by providers; test with errors.Is.
var (
	ErrNotFound    = errors.New("quotes: not found")
	ErrCircuitOpen = errors.New("quotes: circuit breaker open")
	ErrUnknown     = errors.New("quotes: unknown provider")
)

// BRT is the B3 exchange time zone. Brazil has had no daylight saving since
// 2019, so a fixed zone avoids depending on the tz database.
var BRT = time.FixedZone("BRT", -3*60*60)

// New builds a provider by name: "sim" (default when empty), "yahoo" or "brapi".
func New(name string, opts Options) (Provider, error) {
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "sim":
		return newSim(opts), nil
	case "yahoo":
		return newYahoo(opts), nil
	case "brapi":
		return newBrapi(opts), nil
	}
	return nil, fmt.Errorf("%w %q (want sim, yahoo or brapi)", ErrUnknown, name)
}

// day is midnight BRT of t's date in BRT.
func day(t time.Time) time.Time {
	y, m, d := t.In(BRT).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, BRT)
}

// normalize uppercases, strips ".SA", drops anything that is not a plain B3
// code (so it can never inject into a URL) and removes duplicates.
func normalize(tickers []string) []string {
	out := make([]string, 0, len(tickers))
	seen := make(map[string]bool, len(tickers))
	for _, t := range tickers {
		t, ok := data.Ticker(t)
		if !ok || seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

func chunk(s []string, n int) [][]string {
	var out [][]string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	if len(s) > 0 {
		out = append(out, s)
	}
	return out
}

func round(d decimal.Decimal) decimal.Decimal { return d.Round(2) }
