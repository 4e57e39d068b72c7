package quotes

import (
	"hash/fnv"
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
