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
	Order    Order           // ordem: Buy or Sell when at least one share is missing or over, else Wait
	Vol      int64           // shares to buy or sell: ⌊|falta$| ÷ price⌋, 0 on Wait
	Return   decimal.Decimal // (price ÷ preco_medio − 1) × 100
}

// Order is a row's advice.
type Order int8

const (
	Wait Order = iota
	Buy
	Sell
)

func (o Order) Buy() bool  { return o == Buy }
func (o Order) Sell() bool { return o == Sell }

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
//	falta$ = quero$ − total        vol = ⌊|falta$| ÷ price⌋
//	ordem = Buy when falta$ ≥ price (vol ≥ 1 share), Sell when −falta$ ≥ price, else Wait (vol 0)
//	return = (price ÷ avg − 1) × 100
//
// A holding without a quote (or with a price that is not positive) has
// HasQuote false and counts in neither patrimonio nor Σ nota, so the
// percentages of the others still add up to 100; the plan and the weights
// pie leave it out too (one rule everywhere: what cannot be valued has no
// target). When Σ nota or patrimonio is zero the percentages that would
// divide by it are zero. Sell never exceeds the shares held: quero$ ≥ 0, so
// −falta$ ≤ total = qnt × price.
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
		// QuoRem truncates exactly (Div would round at 16 digits); both are positive.
		switch price := r.Quote.Price; {
		case !t.SumNota.IsPositive():
			// No targets, no advice (not "sell everything").
		case r.FaltaDin.GreaterThanOrEqual(price):
			q, _ := r.FaltaDin.QuoRem(price, 0)
			r.Order, r.Vol = Buy, q.IntPart()
		case r.FaltaDin.Neg().GreaterThanOrEqual(price):
			q, _ := r.FaltaDin.Neg().QuoRem(price, 0)
			r.Order, r.Vol = Sell, q.IntPart()
		}
	}
	return t
}

// PlanLine is one order of a contribution plan.
type PlanLine struct {
	Ticker string
	Sell   bool
	Shares int64 // > 0
	Price  decimal.Decimal
	Value  decimal.Decimal // Shares × Price: paid, or received when Sell
}

// Plan is what to buy (and, when selling is allowed, sell) with a new
// contribution.
type Plan struct {
	Amount   decimal.Decimal
	Selling  bool       // sales were allowed
	Lines    []PlanLine // in the table's order, only assets traded
	Spent    decimal.Decimal
	Received decimal.Decimal // from sales
	Left     decimal.Decimal // Amount + Received − Spent, never negative
	Proven   bool            // no whole-share plan is closer to the weights
}

// PlanContribution says how many whole shares of each quoted holding to buy
// with amount reais (and, with sell, to sell) so the wallet ends up closest
// to its target weights.
//
// Distance. With T = patrimonio + amount (money left over counts as cash in
// the wallet, and a sale turns shares into cash, so T is the same with or
// without sales), the target value of asset k is nota_k ÷ Σ nota × T, and the
// distance is Σ_k (target_k − value_k)², the sum of squared differences in
// reais between target and held values.
//
// Plan. Among all whole-share plans that spend at most amount plus what the
// sales bring (sales only with sell, never more shares than held), the one
// of least distance, found by branch and bound (see
// solve.go) and compared in exact decimals. The search is bounded (workLimit);
// when it stops early the plan is the closest found, never farther than the
// wallet as it is, and Proven is false. Holdings without a quote are not
// traded; with Σ nota = 0 there is no target and the plan is empty.
func PlanContribution(t Table, amount decimal.Decimal, sell bool) Plan {
	return planContribution(t, amount, sell, workLimit)
}

func planContribution(t Table, amount decimal.Decimal, sell bool, limit int) Plan {
	p := Plan{Amount: amount, Selling: sell, Left: amount, Proven: true}
	if !amount.IsPositive() || !t.SumNota.IsPositive() {
		if amount.IsNegative() {
			p.Left = zero
		}
		return p
	}
	var rows []*Row
	for i := range t.Rows {
		if t.Rows[i].HasQuote {
			rows = append(rows, &t.Rows[i])
		}
	}
	pr, ok := newProblem(t, rows, amount, sell)
	if !ok {
		// Beyond what int64 units hold: keep the wallet as it is.
		p.Proven = false
		return p
	}
	sol := solve(pr, limit)
	p.Proven = sol.proven
	for i, r := range rows {
		x := sol.x[i]
		if x == 0 {
			continue
		}
		l := PlanLine{Ticker: r.Item.Ticker, Sell: x < 0, Shares: x, Price: r.Quote.Price}
		if l.Sell {
			l.Shares = -x
		}
		l.Value = l.Price.Mul(decimal.NewFromInt(l.Shares))
		if l.Sell {
			p.Received = p.Received.Add(l.Value)
		} else {
			p.Spent = p.Spent.Add(l.Value)
		}
		p.Lines = append(p.Lines, l)
	}
	p.Left = amount.Add(p.Received).Sub(p.Spent)
	return p
}

// maxPlaces is the most decimal places a price or amount may have for the
// solver's integer budget; limitUnits keeps every sum of units inside int64.
const (
	maxPlaces  = 4
	limitUnits = 1e17
)

// newProblem writes the plan as the solver's integer program (see problem).
func newProblem(t Table, rows []*Row, amount decimal.Decimal, sell bool) (*problem, bool) {
	places := decimalPlaces(amount)
	for _, r := range rows {
		places = max(places, decimalPlaces(r.Quote.Price))
	}
	if places > maxPlaces {
		return nil, false
	}
	unit := decimal.New(1, -places)
	toUnits := func(d decimal.Decimal) (int64, bool) {
		u := d.Shift(places)
		return u.IntPart(), u.Abs().LessThan(decimal.NewFromFloat(limitUnits))
	}
	n := len(rows)
	pr := &problem{a: make([]decimal.Decimal, n), b: make([]decimal.Decimal, n), g: make([]float64, n), p: make([]float64, n),
		c: make([]int64, n), lo: make([]int64, n), hi: make([]int64, n), unit: unit.InexactFloat64()}
	var ok bool
	if pr.budget, ok = toUnits(amount); !ok {
		return nil, false
	}
	total := t.Patrimonio.Add(amount)
	funds := amount // the most that can be spent on one asset
	if sell {
		funds = funds.Add(t.Patrimonio)
	}
	if _, ok := toUnits(funds); !ok {
		return nil, false
	}
	for i, r := range rows {
		price := r.Quote.Price
		pr.a[i] = r.Item.Nota.Mul(total).Sub(t.SumNota.Mul(r.Total))
		pr.b[i] = t.SumNota.Mul(price)
		gap := pr.a[i].Div(t.SumNota)
		pr.g[i], pr.p[i] = gap.InexactFloat64(), price.InexactFloat64()
		pr.c[i], _ = toUnits(price)
		if sell {
			pr.lo[i] = -r.Item.Quantidade
		}
		// A share past target + half a share only adds distance and costs
		// money: dropping it is better, so never buy past ⌊gap ÷ p + ½⌋.
		q, _ := gap.Add(price.Div(two)).QuoRem(price, 0)
		if gap.Add(price.Div(two)).IsNegative() {
			q = q.Sub(one) // QuoRem truncates toward zero
		}
		afford, _ := funds.QuoRem(price, 0)
		pr.hi[i] = max(pr.lo[i], 0, min(q.IntPart()+1, afford.IntPart()))
	}
	return pr, true
}

// decimalPlaces is how many decimal places d needs (0 for 12.00).
func decimalPlaces(d decimal.Decimal) int32 {
	for places := int32(0); places < 12; places++ {
		if d.Equal(d.Truncate(places)) {
			return places
		}
	}
	return 12
}
