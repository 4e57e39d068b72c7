package quotes

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// brapiDefaultBatch: paid brapi plans take several tickers per request (the
// free plan takes one: set BatchSize 1 there).
const brapiDefaultBatch = 20

// brapi talks to brapi.dev: /api/quote/A,B,C for quotes, the same endpoint
// with range=..&interval=1d for history.
type brapi struct {
	c     *client
	token string
	clock func() time.Time
}

func newBrapi(opts Options) *remote {
	b := &brapi{c: newClient(opts, "https://brapi.dev", brapiErrMessage), token: opts.Token, clock: opts.Clock}
	batch := opts.BatchSize
	if batch <= 0 {
		batch = brapiDefaultBatch
	}
	return &remote{name: "brapi", batch: batch, f: b, c: b.c, last: map[string]Quote{}}
}

// brapiErrMessage reads {"error":true,"message":"..."}.
func brapiErrMessage(body []byte) string {
	var e struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	return e.Message
}

type brapiResult struct {
	Symbol                     string              `json:"symbol"`
	RegularMarketPrice         decimal.NullDecimal `json:"regularMarketPrice"`
	RegularMarketPreviousClose decimal.NullDecimal `json:"regularMarketPreviousClose"`
	RegularMarketOpen          decimal.NullDecimal `json:"regularMarketOpen"`
	RegularMarketDayLow        decimal.NullDecimal `json:"regularMarketDayLow"`
	RegularMarketDayHigh       decimal.NullDecimal `json:"regularMarketDayHigh"`
	FiftyTwoWeekLow            decimal.NullDecimal `json:"fiftyTwoWeekLow"`
	FiftyTwoWeekHigh           decimal.NullDecimal `json:"fiftyTwoWeekHigh"`
	RegularMarketVolume        json.Number         `json:"regularMarketVolume"`
	MarketCap                  decimal.NullDecimal `json:"marketCap"`
	Currency                   string              `json:"currency"`
	RegularMarketTime          json.RawMessage     `json:"regularMarketTime"` // ISO string (or unix seconds)
	HistoricalDataPrice        []struct {
		Date   int64               `json:"date"`
		Open   decimal.NullDecimal `json:"open"`
		High   decimal.NullDecimal `json:"high"`
		Low    decimal.NullDecimal `json:"low"`
		Close  decimal.NullDecimal `json:"close"`
		Volume json.Number         `json:"volume"`
	} `json:"historicalDataPrice"`
}

type brapiResponse struct {
	Results []brapiResult `json:"results"`
}

func (b *brapi) query(extra url.Values) url.Values {
	if extra == nil {
		extra = url.Values{}
	}
	if b.token != "" {
		extra.Set("token", b.token)
	}
	return extra
}

func (b *brapi) fetchQuotes(ctx context.Context, tickers []string) (map[string]Quote, error) {
	var resp brapiResponse
	err := b.c.getJSON(ctx, "/api/quote/"+strings.Join(tickers, ","), b.query(nil), &resp)
	if errors.Is(err, ErrNotFound) {
		// brapi answers 404 for the whole batch when one ticker is unknown;
		// split it so the known ones still come back.
		if len(tickers) == 1 {
			return map[string]Quote{}, nil
		}
		mid := len(tickers) / 2
		out, err := b.fetchQuotes(ctx, tickers[:mid])
		if err != nil {
			return nil, err
		}
		rest, err := b.fetchQuotes(ctx, tickers[mid:])
		if err != nil {
			return nil, err
		}
		for t, q := range rest {
			out[t] = q
		}
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	out := make(map[string]Quote, len(resp.Results))
	for _, r := range resp.Results {
		t := strings.TrimSuffix(strings.ToUpper(r.Symbol), ".SA")
		if t == "" {
			continue
		}
		price, err := checkPrice(r.Currency, r.RegularMarketPrice)
		if err != nil {
			continue // no usable price: the ticker stays absent, as unknown ones are
		}
		out[t] = Quote{
			Ticker:    t,
			Price:     price,
			PrevClose: figure(r.RegularMarketPreviousClose),
			Open:      figure(r.RegularMarketOpen),
			DayLow:    figure(r.RegularMarketDayLow),
			DayHigh:   figure(r.RegularMarketDayHigh),
			Low52:     figure(r.FiftyTwoWeekLow),
			High52:    figure(r.FiftyTwoWeekHigh),
			Volume:    toInt(r.RegularMarketVolume),
			MarketCap: figure(r.MarketCap).Decimal.Round(0),
			Time:      b.parseTime(r.RegularMarketTime),
		}
	}
	return out, nil
}

func (b *brapi) parseTime(raw json.RawMessage) time.Time {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t.In(BRT)
		}
		return b.clock()
	}
	return unixOr(json.Number(strings.TrimSpace(string(raw))), b.clock)
}

// brapiRanges are the range values brapi accepts, shortest first.
var brapiRanges = []struct {
	name string
	days int
}{
	{"5d", 7}, {"1mo", 31}, {"3mo", 92}, {"6mo", 183}, {"1y", 366},
	{"2y", 731}, {"5y", 1827}, {"10y", 3653}, {"max", 1 << 30},
}

// brapiRange picks the shortest range reaching back to from.
func brapiRange(now, from time.Time) string {
	need := int(now.Sub(from).Hours()/24) + 1
	for _, r := range brapiRanges {
		if need <= r.days {
			return r.name
		}
	}
	return "max"
}

func (b *brapi) fetchHistory(ctx context.Context, ticker string, from, to time.Time) ([]Bar, error) {
	return b.history(ctx, ticker, from)
}

// fetchIndexHistory reads the IBOVESPA's daily points (symbol ^BVSP).
func (b *brapi) fetchIndexHistory(ctx context.Context, from, to time.Time) ([]Bar, error) {
	return b.history(ctx, url.PathEscape("^BVSP"), from)
}

// history reads the daily bars of symbol (already escaped) back to from.
func (b *brapi) history(ctx context.Context, symbol string, from time.Time) ([]Bar, error) {
	var resp brapiResponse
	q := b.query(url.Values{"range": {brapiRange(b.clock(), from)}, "interval": {"1d"}})
	if err := b.c.getJSON(ctx, "/api/quote/"+symbol, q, &resp); err != nil {
		return nil, err
	}
	if len(resp.Results) == 0 {
		return nil, ErrNotFound
	}
	h := resp.Results[0].HistoricalDataPrice
	bars := make([]Bar, 0, len(h))
	for _, p := range h {
		if !p.Open.Valid || !p.High.Valid || !p.Low.Valid || !p.Close.Valid {
			continue
		}
		bars = append(bars, Bar{
			Day:  day(time.Unix(p.Date, 0)),
			Open: round(p.Open.Decimal), High: round(p.High.Decimal), Low: round(p.Low.Decimal), Close: round(p.Close.Decimal),
			Volume: toInt(p.Volume),
		})
	}
	return bars, nil
}
