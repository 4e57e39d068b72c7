package returns

import (
	"sort"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/db"
)

// Payment is one provento for the shares the user held at the close of its
// ex-date.
type Payment struct {
	db.Dividend
	Shares int64
	Amount decimal.Decimal // Shares × PerShare
	Paid   bool            // paid on or before today
}

// PayDay is the payment date as a time, for formatting.
func (p Payment) PayDay() time.Time { t, _ := time.Parse(time.DateOnly, p.PayDate); return t }

// Income is a holding's proventos.
type Income struct {
	Ticker      string
	Qty         int64
	Avg         decimal.Decimal
	Received    decimal.Decimal // paid to the user, all time
	PerShare    decimal.Decimal // received per share: Σ per share of the payments the user got
	PerShare12  decimal.Decimal // Σ per share paid by the asset in the last 12 months
	YieldOnCost decimal.NullDecimal
	Yield12     decimal.NullDecimal // over the current price; missing without a quote
}

// Payments are the proventos of divs that the user's operations entitle
// them to (shares held at the close of the ex-date), by payment date.
func Payments(ops []db.Operation, divs []db.Dividend, today string) []Payment {
	byTicker := map[string][]db.Operation{}
	for _, op := range ops {
		byTicker[op.Ticker] = append(byTicker[op.Ticker], op)
	}
	var out []Payment
	for _, d := range divs {
		b, err := ledger.Replay(byTicker[d.Ticker], d.ExDate)
		if err != nil {
			continue
		}
		h := b.Holdings[d.Ticker]
		if h == nil || h.Qty == 0 {
			continue
		}
		out = append(out, Payment{Dividend: d, Shares: h.Qty, Amount: d.PerShare.Mul(decimal.NewFromInt(h.Qty)), Paid: d.PayDate <= today})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].PayDate < out[j].PayDate })
	return out
}

// Incomes sums each current holding's proventos; prices are the latest
// quotes (a ticker without one has no 12-month yield).
func Incomes(holdings []ledger.Holding, pays []Payment, divs []db.Dividend, prices map[string]decimal.Decimal, today string) []Income {
	t, _ := time.Parse(time.DateOnly, today)
	yearAgo := t.AddDate(-1, 0, 0).Format(time.DateOnly)
	hundred := decimal.NewFromInt(100)
	var out []Income
	for _, h := range holdings {
		in := Income{Ticker: h.Ticker, Qty: h.Qty, Avg: h.Avg()}
		for _, p := range pays {
			if p.Ticker == h.Ticker && p.Paid {
				in.Received = in.Received.Add(p.Amount)
				in.PerShare = in.PerShare.Add(p.PerShare)
			}
		}
		for _, d := range divs {
			if d.Ticker == h.Ticker && d.PayDate > yearAgo && d.PayDate <= today {
				in.PerShare12 = in.PerShare12.Add(d.PerShare)
			}
		}
		if in.Avg.IsPositive() {
			in.YieldOnCost = decimal.NewNullDecimal(in.PerShare12.Div(in.Avg).Mul(hundred))
		}
		if p, ok := prices[h.Ticker]; ok && p.IsPositive() {
			in.Yield12 = decimal.NewNullDecimal(in.PerShare12.Div(p).Mul(hundred))
		}
		out = append(out, in)
	}
	return out
}
