// Package ledger turns dated operations into holdings and realised gains
// by B3's rules, in exact decimals and without side effects:
//
//   - A buy raises the average price: cost += quantity × price + fees;
//     average = cost ÷ shares. A sell does not change it: it takes
//     shares × average out of the cost, and its gain is what it brought
//     (quantity × price − fees) minus that.
//   - Day trade: an asset bought and sold on the same day. The day's matched
//     quantity (the smaller of what was bought and what was sold) is a day
//     trade, valued at the day's average buy and sell prices, fees shared in
//     proportion; only what is left over enters or leaves the holding
//     (IN RFB 1.585/2015 art. 65). So the order of trades within a day never
//     changes the result.
//   - A fractional-market code (PETR4F) is the same asset as PETR4.
package ledger

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/data"
)

// Asset reads a traded code: PETR4F is the fractional market of PETR4.
// ok is false unless the code (without its F) is a listed ticker.
func Asset(code string) (ticker string, fractional, ok bool) {
	t := strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(code)), ".SA")
	if len(t) > 5 && strings.HasSuffix(t, "F") {
		t, fractional = strings.TrimSuffix(t, "F"), true
	}
	t, ok = data.Ticker(t)
	if ok {
		_, ok = data.Lookup(t)
	}
	return t, fractional, ok
}

// Kind is how the tax treats an asset.
type Kind int

const (
	Stock Kind = iota // shares and units listed in IBOV
	FII               // real-estate funds listed in IFIX
)

// KindOf tells a fund (IFIX) from a stock.
func KindOf(ticker string) Kind {
	if a, ok := data.Lookup(ticker); ok && a.Market == data.IFIX {
		return FII
	}
	return Stock
}

// Holding is what is held of one asset.
type Holding struct {
	Ticker string
	Qty    int64
	Cost   decimal.Decimal // what the shares held cost, fees included
}

// Avg is the average price, exact to 16 decimal places; zero without shares.
func (h Holding) Avg() decimal.Decimal {
	if h.Qty == 0 {
		return decimal.Zero
	}
	return h.Cost.Div(decimal.NewFromInt(h.Qty))
}

// Sale is the result of selling one asset on one day: its swing-trade part
// or its day-trade part.
type Sale struct {
	Date     string // YYYY-MM-DD
	Ticker   string
	Kind     Kind
	DayTrade bool
	Qty      int64
	Gross    decimal.Decimal // quantity × price: what counts for the exemption and the withholding
	Fees     decimal.Decimal
	Cost     decimal.Decimal
	Gain     decimal.Decimal // Gross − Fees − Cost; negative is a loss
}

// Book is the result of replaying operations.
type Book struct {
	Holdings map[string]*Holding
	Sales    []Sale // by date, then ticker
}

// ErrOversold is wrapped when a sale leaves fewer than zero shares.
var ErrOversold = errors.New("sold more than held")

// OversoldError names the asset and day of a sale of more than was held.
type OversoldError struct {
	Ticker, Date string
	Held         int64
}

func (e *OversoldError) Error() string {
	return fmt.Sprintf("%s on %s: sold more than the %d held", e.Ticker, e.Date, e.Held)
}
func (e *OversoldError) Unwrap() error { return ErrOversold }

// Replay applies ops (any order; they are sorted by date) and returns the
// holdings and the sales. Operations dated after until (YYYY-MM-DD, "" for
// none) are left out: the position at 31/12 is Replay(ops, "2026-12-31").
func Replay(ops []db.Operation, until string) (*Book, error) {
	type day struct {
		ticker, date                           string
		buyQty, sellQty                        int64
		buyGross, buyFees, sellGross, sellFees decimal.Decimal
	}
	days := map[[2]string]*day{}
	for _, op := range ops {
		if until != "" && op.Data > until {
			continue
		}
		k := [2]string{op.Ticker, op.Data}
		d := days[k]
		if d == nil {
			d = &day{ticker: op.Ticker, date: op.Data}
			days[k] = d
		}
		gross := op.Preco.Mul(decimal.NewFromInt(op.Quantidade))
		if op.Tipo == db.Sell {
			d.sellQty += op.Quantidade
			d.sellGross, d.sellFees = d.sellGross.Add(gross), d.sellFees.Add(op.Taxas)
		} else {
			d.buyQty += op.Quantidade
			d.buyGross, d.buyFees = d.buyGross.Add(gross), d.buyFees.Add(op.Taxas)
		}
	}
	order := make([]*day, 0, len(days))
	for _, d := range days {
		order = append(order, d)
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i].date != order[j].date {
			return order[i].date < order[j].date
		}
		return order[i].ticker < order[j].ticker
	})
	b := &Book{Holdings: map[string]*Holding{}}
	for _, d := range order {
		h := b.Holdings[d.ticker]
		if h == nil {
			h = &Holding{Ticker: d.ticker}
			b.Holdings[d.ticker] = h
		}
		kind := KindOf(d.ticker)
		buyCost := d.buyGross.Add(d.buyFees)
		matched := min(d.buyQty, d.sellQty)
		if matched > 0 {
			gross, fees := part(d.sellGross, matched, d.sellQty), part(d.sellFees, matched, d.sellQty)
			cost := part(buyCost, matched, d.buyQty)
			b.Sales = append(b.Sales, Sale{Date: d.date, Ticker: d.ticker, Kind: kind, DayTrade: true, Qty: matched,
				Gross: gross, Fees: fees, Cost: cost, Gain: gross.Sub(fees).Sub(cost)})
		}
		if left := d.buyQty - matched; left > 0 {
			h.Cost = h.Cost.Add(part(buyCost, left, d.buyQty))
			h.Qty += left
		}
		if left := d.sellQty - matched; left > 0 {
			if left > h.Qty {
				return nil, &OversoldError{Ticker: d.ticker, Date: d.date, Held: h.Qty}
			}
			cost := part(h.Cost, left, h.Qty)
			gross, fees := part(d.sellGross, left, d.sellQty), part(d.sellFees, left, d.sellQty)
			h.Cost, h.Qty = h.Cost.Sub(cost), h.Qty-left
			b.Sales = append(b.Sales, Sale{Date: d.date, Ticker: d.ticker, Kind: kind, Qty: left,
				Gross: gross, Fees: fees, Cost: cost, Gain: gross.Sub(fees).Sub(cost)})
		}
	}
	return b, nil
}

// part is whole × n ÷ of, exact when n is all of it.
func part(whole decimal.Decimal, n, of int64) decimal.Decimal {
	if n == of {
		return whole
	}
	return whole.Mul(decimal.NewFromInt(n)).Div(decimal.NewFromInt(of))
}

// Derive is the db.Deriver: one asset's shares and average price.
func Derive(ops []db.Operation) (int64, decimal.Decimal, error) {
	b, err := Replay(ops, "")
	if err != nil {
		return 0, decimal.Zero, err
	}
	var qty int64
	avg := decimal.Zero
	for _, h := range b.Holdings {
		qty, avg = h.Qty, h.Avg()
	}
	return qty, avg, nil
}

// Day is the sale's date as a time (midnight UTC), for formatting.
func (s Sale) Day() time.Time {
	t, _ := time.Parse(time.DateOnly, s.Date)
	return t
}
