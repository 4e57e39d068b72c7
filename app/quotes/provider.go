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

// Quote is the latest known state of one ticker. Price is always at least
// a cent (providers refuse anything else); the other figures may be missing
// (Valid false), and pages show "—" for them, never a made-up 0.
type Quote struct {
	Ticker                                          string
	Price                                           decimal.Decimal
	PrevClose, Open, DayLow, DayHigh, Low52, High52 decimal.NullDecimal
	Volume                                          int64           // shares traded today
	MarketCap                                       decimal.Decimal // BRL; zero when unknown
	Time                                            time.Time       // the exchange's time of the price
	Stale                                           bool            // old data served because the provider failed
	Old                                             bool            // Time is from an earlier day than now (set by Service)
	Closed                                          bool            // the market was closed when it was served (set by Service)
}

var (
	hundred = decimal.NewFromInt(100)
	cent    = decimal.New(1, -2)
)

// Change is the percent change against the previous close, rounded to 2
// decimals; missing when the previous close is.
func (q Quote) Change() decimal.NullDecimal {
	if !q.PrevClose.Valid || !q.PrevClose.Decimal.IsPositive() {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(q.Price.Div(q.PrevClose.Decimal).Sub(decimal.NewFromInt(1)).Mul(hundred).Round(2))
}

// CmpFigures orders two optional figures, a missing one first.
func CmpFigures(a, b decimal.NullDecimal) int {
	switch {
	case !a.Valid && !b.Valid:
		return 0
	case !a.Valid:
		return -1
	case !b.Valid:
		return 1
	}
	return a.Decimal.Cmp(b.Decimal)
}

func sameFigure(a, b decimal.NullDecimal) bool {
	return a.Valid == b.Valid && a.Decimal.Equal(b.Decimal)
}

// ErrRefused marks a provider answer that fails the data checks.
var ErrRefused = errors.New("quotes: refused")

// checkPrice is the check every provider's price passes: in reais, and at
// least one cent (B3's tick), so a negative, zero or 0.004 price is refused
// rather than shown as R$ 0,00. An empty currency is taken as reais: only
// ".SA" symbols are asked for.
func checkPrice(currency string, price decimal.NullDecimal) (decimal.Decimal, error) {
	if c := strings.ToUpper(strings.TrimSpace(currency)); c != "" && c != "BRL" {
		return decimal.Decimal{}, fmt.Errorf("%w: currency %s, not BRL", ErrRefused, c)
	}
	if !price.Valid || price.Decimal.LessThan(cent) {
		return decimal.Decimal{}, fmt.Errorf("%w: price %s", ErrRefused, price.Decimal)
	}
	return round(price.Decimal), nil
}

// figure keeps an optional figure only when it is a positive amount of at
// least a cent; anything else (null, absent, 0, negative) is missing.
func figure(n decimal.NullDecimal) decimal.NullDecimal {
	if !n.Valid || n.Decimal.LessThan(cent) {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(round(n.Decimal))
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

// As finds what a provider can do beyond Provider (trade around the clock,
// give proventos), looking through wrappers that have Unwrap() Provider (one
// that counts calls, say), so wrapping a provider never hides its traits.
func As[T any](p Provider) (T, bool) {
	for p != nil {
		if t, ok := p.(T); ok {
			return t, true
		}
		w, ok := p.(interface{ Unwrap() Provider })
		if !ok {
			break
		}
		p = w.Unwrap()
	}
	var zero T
	return zero, false
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
