package quotes

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// yahooMaxBatch: the v7 quote endpoint accepts about 100 symbols per call.
const yahooMaxBatch = 100

// yahoo talks to Yahoo Finance: v7 quote (batched) and v8 chart (history).
// Note: the real v7 endpoint nowadays wants a cookie+crumb; BaseURL can
// point at a proxy that adds them.
type yahoo struct {
	c     *client
	clock func() time.Time
}

func newYahoo(opts Options) *remote {
	y := &yahoo{c: newClient(opts, "https://query1.finance.yahoo.com", yahooErrMessage), clock: opts.Clock}
	batch := opts.BatchSize
	if batch <= 0 || batch > yahooMaxBatch {
		batch = yahooMaxBatch
	}
	return &remote{name: "yahoo", batch: batch, f: y, c: y.c, last: map[string]Quote{}}
}

type yahooError struct {
	Code        string `json:"code"`
	Description string `json:"description"`
}

// yahooErrMessage reads {"finance":{"error":...}} or {"chart":{"error":...}}.
func yahooErrMessage(body []byte) string {
	var e struct {
		Finance struct{ Error *yahooError } `json:"finance"`
		Chart   struct{ Error *yahooError } `json:"chart"`
	}
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	for _, ye := range []*yahooError{e.Finance.Error, e.Chart.Error} {
		if ye != nil {
			return strings.TrimSpace(ye.Code + ": " + ye.Description)
		}
	}
	return ""
}

type yahooQuote struct {
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
	RegularMarketTime          json.Number         `json:"regularMarketTime"` // unix seconds
}

func (y *yahoo) fetchQuotes(ctx context.Context, tickers []string) (map[string]Quote, error) {
	syms := make([]string, len(tickers))
	for i, t := range tickers {
		syms[i] = t + ".SA"
	}
	var resp struct {
		QuoteResponse struct {
			Result []yahooQuote `json:"result"`
			Error  *yahooError  `json:"error"`
		} `json:"quoteResponse"`
	}
	q := url.Values{"symbols": {strings.Join(syms, ",")}}
	if err := y.c.getJSON(ctx, "/v7/finance/quote", q, &resp); err != nil {
		return nil, err
	}
	if e := resp.QuoteResponse.Error; e != nil {
		return nil, fmt.Errorf("quotes: yahoo: %s: %s", e.Code, e.Description)
	}
	out := make(map[string]Quote, len(resp.QuoteResponse.Result))
	for _, r := range resp.QuoteResponse.Result {
		t, ok := strings.CutSuffix(r.Symbol, ".SA")
		if !ok {
			continue // not a B3 symbol we asked for
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
			Time:      unixOr(r.RegularMarketTime, y.clock),
		}
	}
	return out, nil
}

func (y *yahoo) fetchHistory(ctx context.Context, ticker string, from, to time.Time) ([]Bar, error) {
	return y.chart(ctx, ticker+".SA", from, to)
}

// fetchIndexHistory reads the IBOVESPA's daily points (symbol ^BVSP).
func (y *yahoo) fetchIndexHistory(ctx context.Context, from, to time.Time) ([]Bar, error) {
	return y.chart(ctx, url.PathEscape(yahooIndex), from, to)
}

// yahooIndex is Yahoo's symbol of the IBOVESPA; it never passes the ticker
// normaliser, so no form or stream can name it.
const yahooIndex = "^BVSP"

// chart reads the v8 chart endpoint's daily bars of symbol (already escaped).
func (y *yahoo) chart(ctx context.Context, symbol string, from, to time.Time) ([]Bar, error) {
	var resp struct {
		Chart struct {
			Result []struct {
				Timestamp  []int64 `json:"timestamp"`
				Indicators struct {
					Quote []struct {
						Open   []decimal.NullDecimal `json:"open"`
						High   []decimal.NullDecimal `json:"high"`
						Low    []decimal.NullDecimal `json:"low"`
						Close  []decimal.NullDecimal `json:"close"`
						Volume []json.Number         `json:"volume"`
					} `json:"quote"`
				} `json:"indicators"`
			} `json:"result"`
			Error *yahooError `json:"error"`
		} `json:"chart"`
	}
	q := url.Values{
		"period1":  {strconv.FormatInt(day(from).Unix(), 10)},
		"period2":  {strconv.FormatInt(day(to).AddDate(0, 0, 1).Unix(), 10)},
		"interval": {"1d"},
	}
	if err := y.c.getJSON(ctx, "/v8/finance/chart/"+symbol, q, &resp); err != nil {
		return nil, err
	}
	if e := resp.Chart.Error; e != nil {
		return nil, fmt.Errorf("quotes: yahoo: %s: %s", e.Code, e.Description)
	}
	if len(resp.Chart.Result) == 0 {
		return nil, ErrNotFound
	}
	r := resp.Chart.Result[0]
	if len(r.Indicators.Quote) == 0 {
		return nil, nil // a valid symbol with no trades in the window
	}
	ind := r.Indicators.Quote[0]
	bars := make([]Bar, 0, len(r.Timestamp))
	for i, ts := range r.Timestamp {
		o, h, l, c := at(ind.Open, i), at(ind.High, i), at(ind.Low, i), at(ind.Close, i)
		if !o.Valid || !h.Valid || !l.Valid || !c.Valid {
			continue // Yahoo sends nulls for days without trades
		}
		var v int64
		if i < len(ind.Volume) {
			v = toInt(ind.Volume[i])
		}
		bars = append(bars, Bar{
			Day:  day(time.Unix(ts, 0)),
			Open: round(o.Decimal), High: round(h.Decimal), Low: round(l.Decimal), Close: round(c.Decimal),
			Volume: v,
		})
	}
	return bars, nil
}

func at(s []decimal.NullDecimal, i int) decimal.NullDecimal {
	if i < len(s) {
		return s[i]
	}
	return decimal.NullDecimal{}
}

// toInt reads an integer that may come as 123, 1.23e8 or null.
func toInt(n json.Number) int64 {
	if n == "" {
		return 0
	}
	if i, err := n.Int64(); err == nil {
		return i
	}
	d, err := decimal.NewFromString(string(n))
	if err != nil {
		return 0
	}
	return d.IntPart()
}

// unixOr parses unix seconds, falling back to fetch time.
func unixOr(n json.Number, clock func() time.Time) time.Time {
	if i := toInt(n); i > 0 {
		return time.Unix(i, 0).In(BRT)
	}
	return clock()
}
