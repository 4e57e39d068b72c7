package returns

import (
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
)

// ValuePoint is one trading day of the wallet's value against the IBOVESPA.
type ValuePoint struct {
	Day   time.Time
	Value decimal.Decimal // Σ shares held at the day's close × that close
	// Wallet and Index are rebased to 100 on the first point; Index is
	// missing when the provider gave no index up to that day.
	Wallet decimal.Decimal
	Index  decimal.NullDecimal
}

// rebasePlaces is the precision of the rebased series (4 decimals of a
// point: far below a pixel, and exact to compare in tests).
const rebasePlaces = 4

// ValueSeries works out, for every trading day in [from, to] (a day with a
// bar of any held asset or of the index), the wallet's value: the shares
// held at that day's close (the operations dated up to it) times the day's
// close. A day without a bar of an asset carries its last close; before the
// asset's first bar, the price of its latest operation stands in. The
// series starts on the first day the wallet holds anything, where both it
// and the index are rebased to 100. closes and index must reach back before
// from far enough to carry a close into it.
func ValueSeries(ops []db.Operation, closes map[string][]quotes.Bar, index []quotes.Bar, from, to time.Time) []ValuePoint {
	if len(ops) == 0 {
		return nil
	}
	ops = slices.Clone(ops)
	slices.SortStableFunc(ops, func(a, b db.Operation) int { return strings.Compare(a.Data, b.Data) })
	lo, hi := dayOf(from), dayOf(to)
	seen := map[time.Time]bool{}
	var days []time.Time
	add := func(bars []quotes.Bar) {
		for _, b := range bars {
			d := dayOf(b.Day)
			if !d.Before(lo) && !d.After(hi) && !seen[d] {
				seen[d] = true
				days = append(days, d)
			}
		}
	}
	for _, bars := range closes {
		add(bars)
	}
	add(index)
	slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })

	held := map[string]int64{}
	price := map[string]decimal.Decimal{} // the last close (or operation price) known
	closed := map[string]bool{}           // a close of the ticker is known
	next := map[string]int{}              // per ticker, the first bar not yet applied
	nextOp, nextIdx := 0, 0
	var idx decimal.NullDecimal
	var out []ValuePoint
	var base, indexBase decimal.Decimal
	for _, d := range days {
		key := d.Format(time.DateOnly)
		for ; nextOp < len(ops) && ops[nextOp].Data <= key; nextOp++ {
			o := ops[nextOp]
			if o.Tipo == db.Sell {
				held[o.Ticker] -= o.Quantidade
			} else {
				held[o.Ticker] += o.Quantidade
			}
			if !closed[o.Ticker] {
				price[o.Ticker] = o.Preco // until a close is known
			}
		}
		for t, bars := range closes {
			i := next[t]
			for ; i < len(bars) && !dayOf(bars[i].Day).After(d); i++ {
				price[t], closed[t] = bars[i].Close, true
			}
			next[t] = i
		}
		for ; nextIdx < len(index) && !dayOf(index[nextIdx].Day).After(d); nextIdx++ {
			idx = decimal.NewNullDecimal(index[nextIdx].Close)
		}
		var value decimal.Decimal
		for t, q := range held {
			if q > 0 {
				value = value.Add(decimal.NewFromInt(q).Mul(price[t]))
			}
		}
		if out == nil {
			if !value.IsPositive() {
				continue // the series starts when the wallet holds something
			}
			base = value
			if idx.Valid {
				indexBase = idx.Decimal
			}
		}
		p := ValuePoint{Day: d, Value: value, Wallet: value.Mul(hundred).DivRound(base, rebasePlaces)}
		if idx.Valid {
			if !indexBase.IsPositive() { // the index starts after the wallet: rebase it where it starts
				indexBase = idx.Decimal
			}
			p.Index = decimal.NewNullDecimal(idx.Decimal.Mul(hundred).DivRound(indexBase, rebasePlaces))
		}
		out = append(out, p)
	}
	return out
}

// dayOf is the calendar date of t in B3's time zone, as midnight UTC, so
// days from the database and from the providers compare equal.
func dayOf(t time.Time) time.Time {
	y, m, d := t.In(quotes.BRT).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
