package tax

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/db"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func op(date, tipo, code string, qty int64, price, fees string) db.Operation {
	t, frac, ok := ledger.Asset(code)
	if !ok {
		panic(code)
	}
	return db.Operation{Data: date, Tipo: tipo, Ticker: t, Fracionario: frac, Quantidade: qty, Preco: d(price), Taxas: d(fees)}
}

// The worked examples: every expected figure below was computed by hand
// from the rules (15% swing, 20% day trade and FII, R$ 20.000 exemption,
// 0,005% and 1% withheld, R$ 10 minimum DARF), not by the code.
var worked = []db.Operation{
	// Jan: over the exemption. 1.000 × (25 − 20) = 5.000 gain on R$ 25.000 sold.
	op("2026-01-05", db.Buy, "PETR4", 1000, "20", "0"),
	op("2026-01-20", db.Sell, "PETR4", 1000, "25", "0"),
	// Feb: a loss of 1.000 × (60 − 55) = 5.000 on R$ 55.000 sold.
	op("2026-02-02", db.Buy, "VALE3", 1000, "60", "0"),
	op("2026-02-10", db.Sell, "VALE3", 1000, "55", "0"),
	// Mar: 500 × (50 − 30) = 10.000 gain on R$ 25.000, less Feb's loss.
	op("2026-03-03", db.Buy, "ITUB4", 500, "30", "0"),
	op("2026-03-16", db.Sell, "ITUB4", 500, "50", "0"),
	// Apr: a day trade, R$ 2 fees each way: 5.200 − 2 − 5.002 = 196.
	op("2026-04-07", db.Buy, "BBAS3", 200, "25", "2"),
	op("2026-04-07", db.Sell, "BBAS3", 200, "26", "2"),
	// May: fractional market, one asset. Average (400 + 3.780) / 100 = 41,80;
	// 50 sold at 50 on R$ 2.500: exempt gain 410.
	op("2026-05-04", db.Buy, "WEGE3F", 10, "40", "0"),
	op("2026-05-05", db.Buy, "WEGE3", 90, "42", "0"),
	op("2026-05-20", db.Sell, "WEGE3F", 50, "50", "0"),
	// Jun: FII gain 10 × 3 = 30 → R$ 6 tax, DARF below R$ 10 carried.
	op("2026-06-01", db.Buy, "HGLG11", 10, "150", "0"),
	op("2026-06-15", db.Sell, "HGLG11", 10, "153", "0"),
	// Jul: FII gain 100 × 2 = 200 → R$ 40.
	op("2026-07-01", db.Buy, "HGLG11", 100, "150", "0"),
	op("2026-07-15", db.Sell, "HGLG11", 100, "152", "0"),
	// Aug: a day-trade loss of 100: carried in its own category.
	op("2026-08-03", db.Buy, "PETR4", 100, "30", "0"),
	op("2026-08-03", db.Sell, "PETR4", 100, "29", "0"),
}

type want struct {
	month                  string
	stockSales             string
	exempt                 bool
	swing, dt, fii         string // tax per category
	withheld, used, credit string
	darf, carried          string
	due                    string
	swingLoss, dtLoss      string
}

func TestWorkedExamples(t *testing.T) {
	b, err := ledger.Replay(worked, "")
	if err != nil {
		t.Fatal(err)
	}
	wants := []want{
		// 5.000 × 15% = 750; withheld 25.000 × 0,005% = 1,25; DARF 748,75 by Fri 27/02.
		{"2026-01", "25000", false, "750", "0", "0", "1.25", "1.25", "0", "748.75", "0", "2026-02-27", "0", "0"},
		// Loss 5.000 carried; 55.000 × 0,005% = 2,75 withheld, kept as credit.
		{"2026-02", "55000", false, "0", "0", "0", "2.75", "0", "2.75", "0", "0", "2026-03-31", "5000", "0"},
		// (10.000 − 5.000) × 15% = 750; withheld 1,25 + credit 2,75 = 4; DARF 746.
		{"2026-03", "25000", false, "750", "0", "0", "1.25", "4", "0", "746", "0", "2026-04-30", "0", "0"},
		// Day trades are never exempt: 196 × 20% = 39,20; withheld 1% × 196 = 1,96; DARF 37,24 by Fri 29/05.
		{"2026-04", "5200", true, "0", "39.2", "0", "1.96", "1.96", "0", "37.24", "0", "2026-05-29", "0", "0"},
		// Exempt: 2.500 ≤ 20.000. Withheld 0,125 kept as credit.
		{"2026-05", "2500", true, "0", "0", "0", "0.125", "0", "0.125", "0", "0", "2026-06-30", "0", "0"},
		// FII 30 × 20% = 6; withheld 1.530 × 0,005% = 0,0765; credit 0,2015
		// used: 5,7985 due, below R$ 10: carried.
		{"2026-06", "0", true, "0", "0", "6", "0.0765", "0.2015", "0", "0", "5.7985", "2026-07-31", "0", "0"},
		// 200 × 20% = 40; withheld 15.200 × 0,005% = 0,76; 40 − 0,76 + 5,7985 = 45,0385.
		{"2026-07", "0", true, "0", "0", "40", "0.76", "0.76", "0", "45.0385", "0", "2026-08-31", "0", "0"},
		// Day-trade loss 100: carried as day trade, not as swing.
		{"2026-08", "2900", true, "0", "0", "0", "0", "0", "0", "0", "0", "2026-09-30", "0", "100"},
	}
	got := Months(b.Sales, Rules)
	if len(got) != len(wants) {
		t.Fatalf("%d months, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		m := got[i]
		check := func(what string, g decimal.Decimal, s string) {
			if !g.Equal(d(s)) {
				t.Errorf("%s %s = %s, want %s", w.month, what, g, s)
			}
		}
		if m.Month != w.month || m.Exempt != w.exempt {
			t.Errorf("month %s exempt %v, want %s %v", m.Month, m.Exempt, w.month, w.exempt)
		}
		check("stock sales", m.StockSales, w.stockSales)
		check("swing tax", m.Tax[Swing], w.swing)
		check("day-trade tax", m.Tax[DayTrade], w.dt)
		check("FII tax", m.Tax[FII], w.fii)
		check("withheld", m.Withheld, w.withheld)
		check("withholding used", m.WithheldUsed, w.used)
		check("credit", m.Credit, w.credit)
		check("DARF", m.DARF, w.darf)
		check("carried", m.CarriedOut, w.carried)
		check("swing loss", m.Loss[Swing], w.swingLoss)
		check("day-trade loss", m.Loss[DayTrade], w.dtLoss)
		if due := m.DueDate.Format(time.DateOnly); due != w.due {
			t.Errorf("%s due %s, want %s", w.month, due, w.due)
		}
	}
	// 31/12: 50 WEGE3 at cost 50 × 41,80 = 2.090; nothing else held.
	pos, err := Position(worked, 2026)
	if err != nil || len(pos) != 1 || pos[0].Ticker != "WEGE3" || pos[0].Qty != 50 || !pos[0].Cost.Equal(d("2090")) {
		t.Fatalf("position at 31/12/2026: %+v (%v), want 50 WEGE3 at 2.090", pos, err)
	}
}

// A change in the law is one new dated entry: months from its date use it,
// earlier months keep the old figures.
func TestRuleChangeAppliesFromItsDate(t *testing.T) {
	changed := append([]Rule(nil), Rules...)
	next := Rules[len(Rules)-1]
	next.From, next.SwingRate = "2026-03-01", d("0.2")
	changed = append(changed, next)
	b, _ := ledger.Replay(worked, "")
	got := Months(b.Sales, changed)
	// Jan keeps 15% (750); Mar is 20% of 5.000 = 1.000.
	if !got[0].Tax[Swing].Equal(d("750")) || !got[2].Tax[Swing].Equal(d("1000")) {
		t.Fatalf("Jan %s, Mar %s: want 750 and 1000", got[0].Tax[Swing], got[2].Tax[Swing])
	}
}

// The 1% is withheld on the day's net day-trade result: a gain of 100 and a
// loss of 40 on one day withhold 0,60, not 1,00.
func TestDayTradeWithholdingOnTheDaysNet(t *testing.T) {
	ops := []db.Operation{
		op("2026-09-01", db.Buy, "PETR4", 100, "30", "0"),
		op("2026-09-01", db.Sell, "PETR4", 100, "31", "0"), // +100
		op("2026-09-01", db.Buy, "VALE3", 40, "60", "0"),
		op("2026-09-01", db.Sell, "VALE3", 40, "59", "0"), // −40
	}
	b, _ := ledger.Replay(ops, "")
	m := Months(b.Sales, Rules)[0]
	// Day-trade result 60 → 20% = 12; withheld 0,60; DARF 11,40.
	if !m.Withheld.Equal(d("0.6")) || !m.Tax[DayTrade].Equal(d("12")) || !m.DARF.Equal(d("11.4")) {
		t.Fatalf("withheld %s, tax %s, DARF %s; want 0,60, 12 and 11,40", m.Withheld, m.Tax[DayTrade], m.DARF)
	}
}
