package returns

import (
	"sort"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/quotes"
)

// PLRow is one asset's profit and loss. Figures that need a price are
// missing (not zero) without a quote.
type PLRow struct {
	ledger.Holding
	Price         decimal.NullDecimal
	Value         decimal.NullDecimal // shares × price
	Unrealised    decimal.NullDecimal // value − cost
	UnrealisedPct decimal.NullDecimal // over cost
	DayChange     decimal.NullDecimal // shares × (price − previous close)
	Realised      decimal.Decimal     // gains of the sales, all time
	Income        decimal.Decimal     // proventos received
	Total         decimal.NullDecimal // unrealised + realised + income
}

// PL is the wallet's profit and loss: rows by ticker and their sums. Sums
// of figures needing a price leave out the assets without one (Unpriced
// says how many).
type PL struct {
	Rows                                      []PLRow
	Cost, Value, Unrealised, Realised, Income decimal.Decimal
	DayChange, Total                          decimal.Decimal
	UnrealisedPct, TotalPct                   decimal.NullDecimal
	Unpriced                                  int
}

var hundred = decimal.NewFromInt(100)

// ProfitAndLoss works out the wallet's profit and loss from the replayed
// operations, the proventos paid and the latest quotes.
func ProfitAndLoss(b *ledger.Book, pays []Payment, qs map[string]quotes.Quote) PL {
	realised, income, invested := map[string]decimal.Decimal{}, map[string]decimal.Decimal{}, decimal.Zero
	for _, s := range b.Sales {
		realised[s.Ticker] = realised[s.Ticker].Add(s.Gain)
		invested = invested.Add(s.Cost)
	}
	for _, p := range pays {
		if p.Paid {
			income[p.Ticker] = income[p.Ticker].Add(p.Amount)
		}
	}
	var pl PL
	pricedCost := decimal.Zero
	for t, h := range b.Holdings {
		r := PLRow{Holding: *h, Realised: realised[t], Income: income[t]}
		pl.Cost = pl.Cost.Add(h.Cost)
		pl.Realised, pl.Income = pl.Realised.Add(r.Realised), pl.Income.Add(r.Income)
		q, priced := qs[t]
		switch {
		case h.Qty == 0:
			r.Total = decimal.NewNullDecimal(r.Realised.Add(r.Income))
		case priced:
			shares := decimal.NewFromInt(h.Qty)
			value := q.Price.Mul(shares)
			unreal := value.Sub(h.Cost)
			r.Price, r.Value, r.Unrealised = decimal.NewNullDecimal(q.Price), decimal.NewNullDecimal(value), decimal.NewNullDecimal(unreal)
			if h.Cost.IsPositive() {
				r.UnrealisedPct = decimal.NewNullDecimal(unreal.Div(h.Cost).Mul(hundred))
			}
			if q.PrevClose.Valid {
				r.DayChange = decimal.NewNullDecimal(q.Price.Sub(q.PrevClose.Decimal).Mul(shares))
				pl.DayChange = pl.DayChange.Add(r.DayChange.Decimal)
			}
			r.Total = decimal.NewNullDecimal(unreal.Add(r.Realised).Add(r.Income))
			pl.Value, pl.Unrealised = pl.Value.Add(value), pl.Unrealised.Add(unreal)
			pricedCost = pricedCost.Add(h.Cost)
		default:
			pl.Unpriced++
		}
		if r.Total.Valid {
			pl.Total = pl.Total.Add(r.Total.Decimal)
		}
		pl.Rows = append(pl.Rows, r)
	}
	if pricedCost.IsPositive() {
		pl.UnrealisedPct = decimal.NewNullDecimal(pl.Unrealised.Div(pricedCost).Mul(hundred))
	}
	// Total return over all that was invested: what is held at cost and
	// what was sold at its cost.
	if base := invested.Add(pricedCost); base.IsPositive() {
		pl.TotalPct = decimal.NewNullDecimal(pl.Total.Div(base).Mul(hundred))
	}
	sort.Slice(pl.Rows, func(i, j int) bool {
		if (pl.Rows[i].Qty > 0) != (pl.Rows[j].Qty > 0) {
			return pl.Rows[i].Qty > 0 // held first, then closed positions
		}
		return pl.Rows[i].Ticker < pl.Rows[j].Ticker
	})
	return pl
}
