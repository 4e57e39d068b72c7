package wallet

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func item(ticker, avg string, qnt int64, nota string) db.WalletItem {
	return db.WalletItem{Ticker: ticker, PrecoMedio: dec(avg), Quantidade: qnt, Nota: dec(nota)}
}

func prices(kv ...string) map[string]quotes.Quote {
	m := map[string]quotes.Quote{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = quotes.Quote{Ticker: kv[i], Price: dec(kv[i+1])}
	}
	return m
}

// want is a row's expected numbers, written as the display would round them.
type want struct {
	total, quero, tenho, queroDin, faltaDin string
	buy                                     bool
	vol                                     int64
	ret                                     string
}

func TestCompute(t *testing.T) {
	cases := []struct {
		name       string
		items      []db.WalletItem
		qs         map[string]quotes.Quote
		patrimonio string
		missing    int
		rows       []want // nil entries: the row has no quote
	}{
		{
			// By hand: totals 3000, 1000, 1000 → patrimonio 5000; weights 5,3,2 of 10.
			// PETR4 wants 2500, has 3000: Wait. VALE3 wants 1500, has 1000: buy 500 ÷ 50 = 10.
			// ITUB4 wants 1000, has 1000: falta 0, Wait.
			name: "three holdings",
			items: []db.WalletItem{
				item("PETR4", "25", 100, "5"), item("VALE3", "62.50", 20, "3"), item("ITUB4", "40", 25, "2"),
			},
			qs:         prices("PETR4", "30", "VALE3", "50", "ITUB4", "40"),
			patrimonio: "5000.00",
			rows: []want{
				{"3000.00", "50.00", "60.00", "2500.00", "-500.00", false, 0, "20.00"},
				{"1000.00", "30.00", "20.00", "1500.00", "500.00", true, 10, "-20.00"},
				{"1000.00", "20.00", "20.00", "1000.00", "0.00", false, 0, "0.00"},
			},
		},
		{
			name:       "one holding",
			items:      []db.WalletItem{item("BBAS3", "20", 10, "1")},
			qs:         prices("BBAS3", "27.35"),
			patrimonio: "273.50",
			rows:       []want{{"273.50", "100.00", "100.00", "273.50", "0.00", false, 0, "36.75"}},
		},
		{
			// No target: quero% and quero$ are zero, so everything held is "too much": Wait.
			name:       "all weights zero",
			items:      []db.WalletItem{item("PETR4", "30", 10, "0"), item("VALE3", "50", 10, "0")},
			qs:         prices("PETR4", "30", "VALE3", "50"),
			patrimonio: "800.00",
			rows: []want{
				{"300.00", "0.00", "37.50", "0.00", "-300.00", false, 0, "0.00"},
				{"500.00", "0.00", "62.50", "0.00", "-500.00", false, 0, "0.00"},
			},
		},
		{
			// HGLG11 has no quote: out of patrimonio and Σ nota; the other two split 100%.
			name:       "missing quote",
			items:      []db.WalletItem{item("PETR4", "30", 10, "1"), item("HGLG11", "150", 4, "5"), item("VALE3", "50", 2, "1")},
			qs:         prices("PETR4", "30", "VALE3", "50"),
			patrimonio: "400.00",
			missing:    1,
			rows: []want{
				{"300.00", "50.00", "75.00", "200.00", "-100.00", false, 0, "0.00"},
				{},
				{"100.00", "50.00", "25.00", "200.00", "100.00", true, 2, "0.00"},
			},
		},
		{
			// Nothing held yet: patrimonio 0, so no held % and nothing to buy from the table.
			name:       "zero shares",
			items:      []db.WalletItem{item("PETR4", "30", 0, "1")},
			qs:         prices("PETR4", "30"),
			patrimonio: "0.00",
			rows:       []want{{"0.00", "100.00", "0.00", "0.00", "0.00", false, 0, "0.00"}},
		},
		{
			// A third of 100: the repeating decimal is kept exact enough to round right.
			name:       "thirds",
			items:      []db.WalletItem{item("PETR4", "10", 10, "1"), item("VALE3", "10", 0, "1"), item("ITUB4", "10", 0, "1")},
			qs:         prices("PETR4", "10", "VALE3", "10", "ITUB4", "10"),
			patrimonio: "100.00",
			rows: []want{
				{"100.00", "33.33", "100.00", "33.33", "-66.67", false, 0, "0.00"},
				{"0.00", "33.33", "0.00", "33.33", "33.33", true, 3, "0.00"},
				{"0.00", "33.33", "0.00", "33.33", "33.33", true, 3, "0.00"},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb := Compute(tc.items, tc.qs)
			if got := tb.Patrimonio.StringFixed(2); got != tc.patrimonio {
				t.Errorf("patrimonio %s, want %s", got, tc.patrimonio)
			}
			if tb.Missing != tc.missing {
				t.Errorf("missing %d, want %d", tb.Missing, tc.missing)
			}
			for i, w := range tc.rows {
				r := tb.Rows[i]
				if w == (want{}) {
					if r.HasQuote {
						t.Errorf("%s: has a quote, want none", r.Item.Ticker)
					}
					continue
				}
				got := want{r.Total.StringFixed(2), r.Quero.StringFixed(2), r.Tenho.StringFixed(2), r.QueroDin.StringFixed(2),
					r.FaltaDin.StringFixed(2), r.Buy, r.Vol, r.Return.StringFixed(2)}
				if got != w {
					t.Errorf("%s:\n got %+v\nwant %+v", r.Item.Ticker, got, w)
				}
			}
		})
	}
}

// randomWallet makes n holdings of distinct tickers with random prices,
// quantities and weights (some zero), and a quote for most of them.
func randomWallet(rng *rand.Rand, n int) ([]db.WalletItem, map[string]quotes.Quote) {
	tickers := []string{"PETR4", "VALE3", "ITUB4", "BBDC4", "BBAS3", "WEGE3", "ABEV3", "HGLG11", "KNRI11", "MXRF11", "XPML11", "VISC11"}
	rng.Shuffle(len(tickers), func(i, j int) { tickers[i], tickers[j] = tickers[j], tickers[i] })
	items := make([]db.WalletItem, n)
	qs := map[string]quotes.Quote{}
	for i := range n {
		items[i] = db.WalletItem{Ticker: tickers[i], PrecoMedio: decimal.New(rng.Int64N(50000)+1, -2),
			Quantidade: rng.Int64N(500), Nota: decimal.New(rng.Int64N(21), -int32(rng.IntN(2)))}
		if rng.IntN(8) > 0 {
			qs[tickers[i]] = quotes.Quote{Ticker: tickers[i], Price: decimal.New(rng.Int64N(30000)+1, -2)}
		}
	}
	return items, qs
}

func TestComputeProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		items, qs := randomWallet(rng, 1+rng.IntN(12))
		tb := Compute(items, qs)
		sumQuero, sumTenho, sumQueroRounded, sumTenhoRounded := zero, zero, zero, zero
		quoted := 0
		for _, r := range tb.Rows {
			if !r.HasQuote {
				continue
			}
			quoted++
			sumQuero, sumTenho = sumQuero.Add(r.Quero), sumTenho.Add(r.Tenho)
			sumQueroRounded, sumTenhoRounded = sumQueroRounded.Add(r.Quero.Round(2)), sumTenhoRounded.Add(r.Tenho.Round(2))
			if r.Buy != r.FaltaDin.IsPositive() || (!r.Buy && r.Vol != 0) {
				t.Fatalf("%s: ordem %v with falta %s, vol %d", r.Item.Ticker, r.Buy, r.FaltaDin, r.Vol)
			}
			// vol is the most whole shares the missing value pays for.
			if r.Buy {
				v := decimal.NewFromInt(r.Vol)
				if v.Mul(r.Quote.Price).GreaterThan(r.FaltaDin) || v.Add(one).Mul(r.Quote.Price).LessThanOrEqual(r.FaltaDin) {
					t.Fatalf("%s: vol %d at %s for falta %s", r.Item.Ticker, r.Vol, r.Quote.Price, r.FaltaDin)
				}
			}
		}
		// Exact to the division's precision; the displayed (2-place) values within half a cent per row.
		slack := decimal.New(5, -3).Mul(decimal.NewFromInt(int64(quoted)))
		if tb.SumNota.IsPositive() {
			if sumQuero.Sub(hundred).Abs().GreaterThan(decimal.New(1, -10)) || sumQueroRounded.Sub(hundred).Abs().GreaterThan(slack) {
				t.Fatalf("Σ quero%% = %s (displayed %s) for %+v", sumQuero, sumQueroRounded, items)
			}
		}
		if tb.Patrimonio.IsPositive() {
			if sumTenho.Sub(hundred).Abs().GreaterThan(decimal.New(1, -10)) || sumTenhoRounded.Sub(hundred).Abs().GreaterThan(slack) {
				t.Fatalf("Σ tenho%% = %s (displayed %s) for %+v", sumTenho, sumTenhoRounded, items)
			}
		}
	}
}

// distance is the plan's measure, written out plainly and independently of
// PlanContribution: Σ (nota ÷ Σ nota × (patrimonio + amount) − value)².
func distance(tb Table, amount decimal.Decimal, bought map[string]int64) decimal.Decimal {
	total := tb.Patrimonio.Add(amount)
	d := zero
	for _, r := range tb.Rows {
		if !r.HasQuote {
			continue
		}
		target := r.Item.Nota.Div(tb.SumNota).Mul(total)
		value := r.Quote.Price.Mul(decimal.NewFromInt(r.Item.Quantidade + bought[r.Item.Ticker]))
		diff := target.Sub(value)
		d = d.Add(diff.Mul(diff))
	}
	return d
}

func TestPlanContribution(t *testing.T) {
	t.Run("by hand", func(t *testing.T) {
		// patrimonio 5000 + 1000 = 6000: targets PETR4 3000 (has 3000), VALE3 1800 (has 1000), ITUB4 1200 (has 1000).
		// Bulk: VALE3 ⌊800 ÷ 50⌋ = 16, ITUB4 ⌊200 ÷ 40⌋ = 5: R$ 1000 exactly.
		tb := Compute([]db.WalletItem{item("PETR4", "25", 100, "5"), item("VALE3", "62.50", 20, "3"), item("ITUB4", "40", 25, "2")},
			prices("PETR4", "30", "VALE3", "50", "ITUB4", "40"))
		p := PlanContribution(tb, dec("1000"))
		got := map[string]int64{}
		for _, b := range p.Purchases {
			got[b.Ticker] = b.Shares
		}
		if len(got) != 2 || got["VALE3"] != 16 || got["ITUB4"] != 5 || !p.Spent.Equal(dec("1000")) || !p.Left.IsZero() {
			t.Fatalf("plan %+v, spent %s left %s", got, p.Spent, p.Left)
		}
	})
	t.Run("empty wallet, equal weights", func(t *testing.T) {
		tb := Compute([]db.WalletItem{item("PETR4", "1", 0, "1"), item("VALE3", "1", 0, "1"), item("ITUB4", "1", 0, "1")},
			prices("PETR4", "30", "VALE3", "50", "ITUB4", "40"))
		p := PlanContribution(tb, dec("1200"))
		if len(p.Purchases) != 3 || p.Spent.GreaterThan(dec("1200")) || p.Left.GreaterThanOrEqual(dec("30")) {
			t.Fatalf("a new wallet should buy all three and leave less than the cheapest share: %+v", p)
		}
	})
	t.Run("one holding spends all it can", func(t *testing.T) {
		tb := Compute([]db.WalletItem{item("PETR4", "1", 10, "1")}, prices("PETR4", "30"))
		p := PlanContribution(tb, dec("100"))
		if len(p.Purchases) != 1 || p.Purchases[0].Shares != 3 || !p.Left.Equal(dec("10")) {
			t.Fatalf("plan %+v", p)
		}
	})
	t.Run("no weights, no plan", func(t *testing.T) {
		tb := Compute([]db.WalletItem{item("PETR4", "1", 10, "0")}, prices("PETR4", "30"))
		if p := PlanContribution(tb, dec("100")); len(p.Purchases) != 0 || !p.Left.Equal(dec("100")) {
			t.Fatalf("plan %+v", p)
		}
	})
	t.Run("missing quote is not bought", func(t *testing.T) {
		tb := Compute([]db.WalletItem{item("PETR4", "1", 0, "1"), item("HGLG11", "1", 0, "9")}, prices("PETR4", "30"))
		p := PlanContribution(tb, dec("100"))
		if len(p.Purchases) != 1 || p.Purchases[0].Ticker != "PETR4" {
			t.Fatalf("plan %+v", p)
		}
	})
}

func TestPlanContributionProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	improved := 0
	for range 2000 {
		items, qs := randomWallet(rng, 1+rng.IntN(12))
		tb := Compute(items, qs)
		amount := decimal.New(rng.Int64N(10_000_000), -2) // up to R$ 100.000,00
		p := PlanContribution(tb, amount)
		bought := map[string]int64{}
		spent := zero
		for _, b := range p.Purchases {
			if b.Shares <= 0 || !b.Cost.Equal(b.Price.Mul(decimal.NewFromInt(b.Shares))) {
				t.Fatalf("bad purchase %+v", b)
			}
			bought[b.Ticker] += b.Shares
			spent = spent.Add(b.Cost)
		}
		if spent.GreaterThan(amount) || !spent.Equal(p.Spent) || !p.Left.Equal(amount.Sub(spent)) {
			t.Fatalf("overspent or miscounted: amount %s, spent %s (plan says %s), left %s", amount, spent, p.Spent, p.Left)
		}
		if !tb.SumNota.IsPositive() {
			if len(p.Purchases) > 0 {
				t.Fatalf("bought without targets: %+v", p)
			}
			continue
		}
		before, after := distance(tb, amount, nil), distance(tb, amount, bought)
		// The plain formula divides once (16 digits); allow for that, nothing more.
		if after.Sub(before).GreaterThan(decimal.New(1, -6)) {
			t.Fatalf("distance grew from %s to %s with %+v", before, after, p.Purchases)
		}
		if after.LessThan(before) {
			improved++
		}
		// Greedy stops only when no affordable share would still lower the distance.
		for _, r := range tb.Rows {
			if !r.HasQuote || r.Quote.Price.GreaterThan(p.Left) {
				continue
			}
			more := map[string]int64{}
			for k, v := range bought {
				more[k] = v
			}
			more[r.Item.Ticker]++
			if distance(tb, amount, more).Add(decimal.New(1, -6)).LessThan(after) {
				t.Fatalf("stopped although one more %s (R$ %s, left %s) lowers the distance", r.Item.Ticker, r.Quote.Price, p.Left)
			}
		}
	}
	if improved < 1000 {
		t.Fatalf("only %d of 2000 plans lowered the distance", improved)
	}
}
