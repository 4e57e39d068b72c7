package tax

import (
	"sort"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
)

// Category is a kind of result whose losses offset only gains of the same kind.
type Category int

const (
	Swing    Category = iota // stocks, common operations
	DayTrade                 // stocks, bought and sold on one day
	FII                      // real-estate fund quotas
	categories
)

// Month is one month's figures. Amounts are exact; pages round them.
type Month struct {
	Month string // YYYY-MM
	Rule  Rule

	StockSales decimal.Decimal // value of the month's stock sales, day trades included
	Exempt     bool            // StockSales ≤ the exemption: swing-trade stock gains are exempt

	Result   [categories]decimal.Decimal // net gain (or loss, negative) of the month
	LossUsed [categories]decimal.Decimal // losses of earlier months offset against it
	Base     [categories]decimal.Decimal // what is taxed
	Tax      [categories]decimal.Decimal
	Loss     [categories]decimal.Decimal // losses left to carry forward (positive)

	Withheld     decimal.Decimal // withheld at source this month
	WithheldUsed decimal.Decimal // withholding (this and earlier months') deducted
	Credit       decimal.Decimal // withholding left for later months
	CarriedIn    decimal.Decimal // earlier amounts below the DARF minimum
	Due          decimal.Decimal // tax − withholding + carried in
	DARF         decimal.Decimal // to pay now; zero when Due is below the minimum
	CarriedOut   decimal.Decimal // Due when below the minimum: added to the next month
	DueDate      time.Time       // last business day of the next month
}

// TotalTax is the month's tax before withholding.
func (m Month) TotalTax() decimal.Decimal { return m.Tax[Swing].Add(m.Tax[DayTrade]).Add(m.Tax[FII]) }

// Months works out every month with sales, oldest first, carrying losses,
// withholding and small DARFs from month to month.
func Months(sales []ledger.Sale, rules []Rule) []Month {
	byMonth := map[string][]ledger.Sale{}
	for _, s := range sales {
		byMonth[s.Date[:7]] = append(byMonth[s.Date[:7]], s)
	}
	keys := make([]string, 0, len(byMonth))
	for k := range byMonth {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var (
		out    []Month
		loss   [categories]decimal.Decimal
		credit decimal.Decimal
		carry  decimal.Decimal
	)
	for _, k := range keys {
		r := RuleFor(rules, k)
		m := Month{Month: k, Rule: r, CarriedIn: carry}
		dayTrades := map[string]decimal.Decimal{} // the day's net day-trade result
		var dayOrder []string
		for _, s := range byMonth[k] {
			cat := Swing
			switch {
			case s.Kind == ledger.FII:
				cat = FII
			case s.DayTrade:
				cat = DayTrade
			}
			if s.Kind == ledger.Stock {
				m.StockSales = m.StockSales.Add(s.Gross)
			}
			m.Result[cat] = m.Result[cat].Add(s.Gain)
			if s.DayTrade {
				if _, ok := dayTrades[s.Date]; !ok {
					dayOrder = append(dayOrder, s.Date)
				}
				dayTrades[s.Date] = dayTrades[s.Date].Add(s.Gain)
			} else {
				m.Withheld = m.Withheld.Add(s.Gross.Mul(r.SwingWithholding))
			}
		}
		// Day trades are withheld on the day's positive net result.
		for _, d := range dayOrder {
			if g := dayTrades[d]; g.IsPositive() {
				m.Withheld = m.Withheld.Add(g.Mul(r.DayTradeWithholding))
			}
		}
		m.Exempt = m.StockSales.LessThanOrEqual(r.StockExemption)
		rate := [categories]decimal.Decimal{Swing: r.SwingRate, DayTrade: r.DayTradeRate, FII: r.FIIRate}
		for c := range categories {
			res := m.Result[c]
			switch {
			case res.IsNegative():
				loss[c] = loss[c].Sub(res)
			case c == Swing && m.Exempt:
				// An exempt gain is not taxed and does not use up losses.
			default:
				m.LossUsed[c] = decimal.Min(res, loss[c])
				loss[c] = loss[c].Sub(m.LossUsed[c])
				m.Base[c] = res.Sub(m.LossUsed[c])
				m.Tax[c] = m.Base[c].Mul(rate[c])
			}
			m.Loss[c] = loss[c]
		}
		credit = credit.Add(m.Withheld)
		m.WithheldUsed = decimal.Min(credit, m.TotalTax())
		credit = credit.Sub(m.WithheldUsed)
		m.Credit = credit
		m.Due = m.TotalTax().Sub(m.WithheldUsed).Add(carry)
		if m.Due.LessThan(r.DARFMinimum) {
			m.CarriedOut, carry = m.Due, m.Due
		} else {
			m.DARF, carry = m.Due, decimal.Zero
		}
		m.DueDate = DueDate(k)
		out = append(out, m)
	}
	return out
}

// DueDate is the last business day of the month after month (YYYY-MM), by
// B3's calendar (weekends and the exchange's holidays).
func DueDate(month string) time.Time {
	t, _ := time.ParseInLocation("2006-01", month, quotes.BRT)
	d := t.AddDate(0, 2, -1).Add(12 * time.Hour) // last day of the next month, midday
	for !quotes.BusinessDay(d) {
		d = d.AddDate(0, 0, -1)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// Position is what was held at the end of year (31/12), per asset with
// shares, at cost: the annual declaration's "bens e direitos".
func Position(ops []db.Operation, year int) ([]ledger.Holding, error) {
	b, err := ledger.Replay(ops, time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	var out []ledger.Holding
	for _, h := range b.Holdings {
		if h.Qty > 0 {
			out = append(out, *h)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ticker < out[j].Ticker })
	return out, nil
}

// Label is the month as 03/2026.
func (m Month) Label() string { return m.Month[5:] + "/" + m.Month[:4] }
