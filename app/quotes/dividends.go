package quotes

import (
	"context"
	"encoding/json"
	"errors"
	"hash/fnv"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/db/data"
)

// Kinds of proventos.
const (
	Dividendo  = "DIV"  // dividend
	JCP        = "JCP"  // juros sobre capital próprio
	Rendimento = "REND" // a real-estate fund's monthly income
)

// Dividend is one payment per share: holders at the close of Ex (the "data
// com") are paid PerShare on Pay. Dates are YYYY-MM-DD.
type Dividend struct {
	Ticker   string
	Kind     string
	Ex, Pay  string
	PerShare decimal.Decimal
}

// SimDividends are the simulator's payments of ticker with an ex-date in
// the months from from to to: deterministic (a function of the ticker and
// the month), monthly for real-estate funds (about 0,6–1,0% of the
// reference price, ex on the month's last weekday, paid mid next month) and
// quarterly for stocks (0,5–2%, dividends or JCP, ex mid-month, paid about
// three weeks later).
func SimDividends(ticker string, from, to time.Time) []Dividend {
	a, ok := data.Lookup(ticker)
	if !ok || !a.RefPrice.IsPositive() {
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte(a.Ticker))
	key := h.Sum64()
	fii := a.Market == data.IFIX
	var out []Dividend
	m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(to.Year(), to.Month(), 1, 0, 0, 0, 0, time.UTC)
	for ; !m.After(end); m = m.AddDate(0, 1, 0) {
		n := uint64(m.Year()*12 + int(m.Month()))
		u := unit(key, n) // 0 ≤ u < 1
		var d Dividend
		if fii {
			ex := weekdayBefore(m.AddDate(0, 1, -1))
			d = Dividend{Kind: Rendimento, Ex: ex.Format(time.DateOnly), Pay: weekdayAfter(m.AddDate(0, 1, 14)).Format(time.DateOnly),
				PerShare: perShare(a.RefPrice, 0.006+0.004*u)}
		} else {
			if (int(m.Month())+int(key%3))%3 != 0 { // one month in three, by ticker
				continue
			}
			ex := weekdayAfter(m.AddDate(0, 0, 14))
			kind := Dividendo
			if unit(key, n+1) < 0.4 {
				kind = JCP
			}
			d = Dividend{Kind: kind, Ex: ex.Format(time.DateOnly), Pay: weekdayAfter(ex.AddDate(0, 0, 21)).Format(time.DateOnly),
				PerShare: perShare(a.RefPrice, 0.005+0.015*u)}
		}
		d.Ticker = a.Ticker
		out = append(out, d)
	}
	return out
}

// unit is a uniform draw in [0, 1) addressed by (key, n).
func unit(key, n uint64) float64 { return float64(mix(key^mix(n))>>11) / (1 << 53) }

// perShare is price × rate in whole cents, at least one cent.
func perShare(price decimal.Decimal, rate float64) decimal.Decimal {
	v := price.Mul(decimal.NewFromFloat(rate)).Round(2)
	return decimal.Max(v, decimal.New(1, -2))
}

func weekdayBefore(t time.Time) time.Time {
	for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

func weekdayAfter(t time.Time) time.Time {
	for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday {
		t = t.AddDate(0, 0, 1)
	}
	return t
}

// DividendSource is a provider that knows proventos.
type DividendSource interface {
	Dividends(ctx context.Context, ticker string, from, to time.Time) ([]Dividend, error)
}

// ErrNoDividends: the provider does not give proventos.
var ErrNoDividends = errors.New("quotes: the provider gives no dividends")

// Dividends asks the provider for ticker's payments with an ex-date in
// [from, to]; ErrNoDividends when it has none to give.
func (s *Service) Dividends(ctx context.Context, ticker string, from, to time.Time) ([]Dividend, error) {
	if src, ok := As[DividendSource](s.Provider); ok {
		return src.Dividends(ctx, ticker, from, to)
	}
	return nil, ErrNoDividends
}

// Dividends of the simulator: SimDividends.
func (s *sim) Dividends(ctx context.Context, ticker string, from, to time.Time) ([]Dividend, error) {
	return SimDividends(ticker, from, to), nil
}

// dividendFetcher is an upstream that gives proventos.
type dividendFetcher interface {
	fetchDividends(ctx context.Context, ticker string, from, to time.Time) ([]Dividend, error)
}

func (r *remote) Dividends(ctx context.Context, ticker string, from, to time.Time) ([]Dividend, error) {
	f, ok := r.f.(dividendFetcher)
	if !ok {
		return nil, ErrNoDividends
	}
	syms := normalize([]string{ticker})
	if len(syms) == 0 {
		return nil, ErrNotFound
	}
	return f.fetchDividends(ctx, syms[0], from, to)
}

// fetchDividends reads the chart's dividend events (events=div). Yahoo
// gives the ex-date and the amount, not the payment date nor the kind:
// both are taken as the ex-date and a dividend.
func (y *yahoo) fetchDividends(ctx context.Context, ticker string, from, to time.Time) ([]Dividend, error) {
	q := url.Values{
		"period1":  {strconv.FormatInt(day(from).Unix(), 10)},
		"period2":  {strconv.FormatInt(day(to).AddDate(0, 0, 1).Unix(), 10)},
		"interval": {"1d"},
		"events":   {"div"},
	}
	var raw json.RawMessage
	if err := y.c.getJSON(ctx, "/v8/finance/chart/"+ticker+".SA", q, &raw); err != nil {
		return nil, err
	}
	return parseYahooDividends(ticker, raw)
}

func parseYahooDividends(ticker string, body []byte) ([]Dividend, error) {
	var resp struct {
		Chart struct {
			Result []struct {
				Events struct {
					Dividends map[string]struct {
						Amount decimal.NullDecimal `json:"amount"`
						Date   int64               `json:"date"`
					} `json:"dividends"`
				} `json:"events"`
			} `json:"result"`
			Error *yahooError `json:"error"`
		} `json:"chart"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, err
	}
	if e := resp.Chart.Error; e != nil || len(resp.Chart.Result) == 0 {
		return nil, ErrNotFound
	}
	var out []Dividend
	for _, ev := range resp.Chart.Result[0].Events.Dividends {
		if !ev.Amount.Valid || !ev.Amount.Decimal.IsPositive() || ev.Date <= 0 {
			continue
		}
		ex := time.Unix(ev.Date, 0).In(BRT).Format(time.DateOnly)
		out = append(out, Dividend{Ticker: ticker, Kind: Dividendo, Ex: ex, Pay: ex, PerShare: ev.Amount.Decimal})
	}
	sortDividends(out)
	return out, nil
}

// fetchDividends reads brapi's dividendsData (dividends=true): the data com
// (lastDatePrior), the payment date, the amount per share (rate) and the
// kind (label).
func (b *brapi) fetchDividends(ctx context.Context, ticker string, from, to time.Time) ([]Dividend, error) {
	var raw json.RawMessage
	if err := b.c.getJSON(ctx, "/api/quote/"+ticker, b.query(url.Values{"dividends": {"true"}}), &raw); err != nil {
		return nil, err
	}
	ds, err := parseBrapiDividends(ticker, raw)
	if err != nil {
		return nil, err
	}
	lo, hi := from.Format(time.DateOnly), to.Format(time.DateOnly)
	out := ds[:0]
	for _, d := range ds {
		if d.Ex >= lo && d.Ex <= hi {
			out = append(out, d)
		}
	}
	return out, nil
}

func parseBrapiDividends(ticker string, body []byte) ([]Dividend, error) {
	var resp struct {
		Results []struct {
			DividendsData struct {
				CashDividends []struct {
					Rate          decimal.NullDecimal `json:"rate"`
					Label         string              `json:"label"`
					LastDatePrior string              `json:"lastDatePrior"`
					PaymentDate   string              `json:"paymentDate"`
				} `json:"cashDividends"`
			} `json:"dividendsData"`
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, err
	}
	if len(resp.Results) == 0 {
		return nil, ErrNotFound
	}
	var out []Dividend
	for _, c := range resp.Results[0].DividendsData.CashDividends {
		ex, ok := isoDay(c.LastDatePrior)
		if !ok || !c.Rate.Valid || !c.Rate.Decimal.IsPositive() {
			continue
		}
		pay, ok := isoDay(c.PaymentDate)
		if !ok {
			pay = ex // announced without a payment date yet
		}
		kind := Dividendo
		switch l := strings.ToUpper(c.Label); {
		case strings.Contains(l, "JCP"), strings.Contains(l, "JUROS"), strings.Contains(l, "JRS"):
			kind = JCP
		case strings.Contains(l, "RENDIMENTO"):
			kind = Rendimento
		}
		out = append(out, Dividend{Ticker: ticker, Kind: kind, Ex: ex, Pay: pay, PerShare: c.Rate.Decimal})
	}
	sortDividends(out)
	return out, nil
}

// isoDay reads the date of "2025-06-02T00:00:00.000Z" or "2025-06-02".
func isoDay(s string) (string, bool) {
	if len(s) < 10 {
		return "", false
	}
	if _, err := time.Parse(time.DateOnly, s[:10]); err != nil {
		return "", false
	}
	return s[:10], true
}

func sortDividends(ds []Dividend) {
	sort.Slice(ds, func(i, j int) bool {
		if ds[i].Ex != ds[j].Ex {
			return ds[i].Ex < ds[j].Ex
		}
		return ds[i].Kind < ds[j].Kind
	})
}
