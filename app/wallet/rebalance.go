package wallet

import (
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/data"
)

var (
	zero    = decimal.Zero
	one     = decimal.NewFromInt(1)
	two     = decimal.NewFromInt(2)
	hundred = decimal.NewFromInt(100)
)

// Row is one holding with its numbers and advice, rendered by
// partials/wallet_row. The computed fields are exact decimals; templates
// round them only to display.
type Row struct {
	Item     db.WalletItem
	Name     string
	Market   string // IBOV or IFIX; "" when the ticker is not listed
	HasQuote bool   // false: the row is marked and left out of the totals
	Quote    quotes.Quote

	Total    decimal.Decimal // quantidade × price
	Quero    decimal.Decimal // target %: nota ÷ Σ nota × 100
	Tenho    decimal.Decimal // held %: total ÷ patrimonio × 100
	QueroDin decimal.Decimal // target value: patrimonio × quero% ÷ 100
	FaltaDin decimal.Decimal // missing value: quero$ − total
	Buy      bool            // ordem: Buy when falta$ > 0, else Wait
	Vol      int64           // shares to buy: ⌊falta$ ÷ price⌋ when Buy, else 0
	Return   decimal.Decimal // (price ÷ preco_medio − 1) × 100
}

// Table is the whole wallet: rows in the order given and the totals over the
// rows that have a quote.
type Table struct {
	Rows       []Row
	Patrimonio decimal.Decimal // Σ total
	SumNota    decimal.Decimal // Σ nota
	Missing    int             // rows without a quote
}

// Up and Down tell the direction of the day's change, for ▲/▼ and colour.
func (r Row) Up() bool   { return r.HasQuote && r.Quote.Change().Decimal.Sign() > 0 }
func (r Row) Down() bool { return r.HasQuote && r.Quote.Change().Decimal.Sign() < 0 }

// TS is the quote's time in Unix milliseconds, for data-ts.
func (r Row) TS() int64 {
	if !r.HasQuote || r.Quote.Time.IsZero() {
		return 0
	}
	return r.Quote.Time.UnixMilli()
}

// Compute is the wallet's arithmetic, the seed's formulas without its stray
// ×40 on held %:
//
//	total = qnt × price            patrimonio = Σ total
//	quero% = nota ÷ Σ nota × 100   tenho% = total ÷ patrimonio × 100
//	quero$ = patrimonio × quero% ÷ 100 (computed as patrimonio × nota ÷ Σ nota, the same number with one division fewer)
//	falta$ = quero$ − total        ordem = Buy when falta$ > 0, else Wait
//	vol = ⌊falta$ ÷ price⌋ when Buy, else 0
//	return = (price ÷ avg − 1) × 100
//
// A holding without a quote (or with a price that is not positive) has
// HasQuote false and counts in neither patrimonio nor Σ nota, so the
// percentages of the others still add up to 100. When Σ nota or patrimonio
// is zero the percentages that would divide by it are zero.
func Compute(items []db.WalletItem, qs map[string]quotes.Quote) Table {
	t := Table{Rows: make([]Row, len(items))}
	for i, it := range items {
		r := Row{Item: it}
		if a, ok := data.Lookup(it.Ticker); ok {
			r.Name, r.Market = a.Name, a.Market
		}
		if q, ok := qs[it.Ticker]; ok && q.Price.IsPositive() {
			r.HasQuote, r.Quote = true, q
			r.Total = q.Price.Mul(decimal.NewFromInt(it.Quantidade))
			t.Patrimonio = t.Patrimonio.Add(r.Total)
			t.SumNota = t.SumNota.Add(it.Nota)
			if it.PrecoMedio.IsPositive() {
				r.Return = q.Price.Div(it.PrecoMedio).Sub(one).Mul(hundred)
			}
		} else {
			t.Missing++
		}
		t.Rows[i] = r
	}
	for i := range t.Rows {
		r := &t.Rows[i]
		if !r.HasQuote {
			continue
		}
		if t.SumNota.IsPositive() {
			r.Quero = r.Item.Nota.Mul(hundred).Div(t.SumNota)
			r.QueroDin = t.Patrimonio.Mul(r.Item.Nota).Div(t.SumNota)
		}
		if t.Patrimonio.IsPositive() {
			r.Tenho = r.Total.Mul(hundred).Div(t.Patrimonio)
		}
		r.FaltaDin = r.QueroDin.Sub(r.Total)
		if r.FaltaDin.IsPositive() {
			r.Buy = true
			r.Vol = r.FaltaDin.Div(r.Quote.Price).Floor().IntPart()
		}
	}
	return t
}

// Purchase is one line of a contribution plan.
type Purchase struct {
	Ticker string
	Shares int64
	Price  decimal.Decimal
	Cost   decimal.Decimal // Shares × Price
}

// Plan is what to buy with a new contribution.
type Plan struct {
	Amount    decimal.Decimal
	Purchases []Purchase // in the table's order, only assets bought
	Spent     decimal.Decimal
	Left      decimal.Decimal // Amount − Spent, never negative
}

// PlanContribution says how many whole shares of each quoted holding to buy
// with amount reais so the wallet ends up closest to its target weights.
//
// Distance. With T = patrimonio + amount (the money left over counts as
// uninvested cash in the wallet), the target value of asset k is
// nota_k ÷ Σ nota × T, and the distance is Σ_k (target_k − value_k)², the
// sum of squared differences between target and held values (T² times the
// sum of squared differences between target and held fractions of T).
//
// Rule. Buying one share of k at price p changes the distance by
// p² − 2·p·gap_k, where gap_k = target_k − value_k, so a share lowers it
// exactly when gap_k > p/2.
//  1. Bulk: every asset gets ⌊gap_k ÷ p_k⌋ shares, each of which lowers the
//     distance (gap ≥ p); when they cost more than the amount, each count is
//     scaled down by amount ÷ cost and floored, so the sum fits.
//  2. Greedy: then, repeatedly, buy one share of the asset whose share lowers
//     the distance most among those that still fit in what is left (ties: the
//     first in table order); stop when no affordable share lowers it.
//
// So the plan never spends more than amount and every share bought lowers
// the distance: it never gets worse. Holdings without a quote are not
// bought; with Σ nota = 0 there is no target and the plan is empty.
func PlanContribution(t Table, amount decimal.Decimal) Plan {
	p := Plan{Amount: amount, Left: amount}
	if !amount.IsPositive() || !t.SumNota.IsPositive() {
		if amount.IsNegative() {
			p.Left = zero
		}
		return p
	}
	total := t.Patrimonio.Add(amount)
	type asset struct {
		row    *Row
		price  decimal.Decimal
		gap    decimal.Decimal // target − value, kept up to date
		shares int64
	}
	var as []*asset
	for i := range t.Rows {
		r := &t.Rows[i]
		if !r.HasQuote {
			continue
		}
		target := r.Item.Nota.Mul(total).Div(t.SumNota)
		as = append(as, &asset{row: r, price: r.Quote.Price, gap: target.Sub(r.Total)})
	}
	buy := func(a *asset, n int64) {
		cost := a.price.Mul(decimal.NewFromInt(n))
		a.shares += n
		a.gap = a.gap.Sub(cost)
		p.Left = p.Left.Sub(cost)
		p.Spent = p.Spent.Add(cost)
	}

	// 1. Bulk.
	want := make([]int64, len(as))
	cost := zero
	for i, a := range as {
		if a.gap.GreaterThanOrEqual(a.price) {
			want[i] = a.gap.Div(a.price).Floor().IntPart()
			// Div rounds at 16 digits: never let that round up past the gap.
			for want[i] > 0 && a.price.Mul(decimal.NewFromInt(want[i])).GreaterThan(a.gap) {
				want[i]--
			}
			cost = cost.Add(a.price.Mul(decimal.NewFromInt(want[i])))
		}
	}
	if cost.GreaterThan(p.Left) {
		for i := range want {
			q, _ := decimal.NewFromInt(want[i]).Mul(p.Left).QuoRem(cost, 0) // exact floor
			want[i] = q.IntPart()
		}
	}
	for i, a := range as {
		if want[i] > 0 {
			buy(a, want[i])
		}
	}

	// 2. Greedy, one share at a time.
	for {
		var best *asset
		var bestDelta decimal.Decimal
		for _, a := range as {
			if a.price.GreaterThan(p.Left) {
				continue
			}
			delta := a.price.Mul(a.price.Sub(two.Mul(a.gap))) // p² − 2·p·gap
			if delta.IsNegative() && (best == nil || delta.LessThan(bestDelta)) {
				best, bestDelta = a, delta
			}
		}
		if best == nil {
			break
		}
		buy(best, 1)
	}

	for _, a := range as {
		if a.shares > 0 {
			p.Purchases = append(p.Purchases, Purchase{Ticker: a.row.Item.Ticker, Shares: a.shares, Price: a.price,
				Cost: a.price.Mul(decimal.NewFromInt(a.shares))})
		}
	}
	return p
}
