package wallet

import (
	"fmt"
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
	order                                   Order
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
			// PETR4 wants 2500, has 3000: sell ⌊500 ÷ 30⌋ = 16. VALE3 wants 1500, has 1000: buy 500 ÷ 50 = 10.
			// ITUB4 wants 1000, has 1000: falta 0, Wait.
			name: "three holdings",
			items: []db.WalletItem{
				item("PETR4", "25", 100, "5"), item("VALE3", "62.50", 20, "3"), item("ITUB4", "40", 25, "2"),
			},
			qs:         prices("PETR4", "30", "VALE3", "50", "ITUB4", "40"),
			patrimonio: "5000.00",
			rows: []want{
				{"3000.00", "50.00", "60.00", "2500.00", "-500.00", Sell, 16, "20.00"},
				{"1000.00", "30.00", "20.00", "1500.00", "500.00", Buy, 10, "-20.00"},
				{"1000.00", "20.00", "20.00", "1000.00", "0.00", Wait, 0, "0.00"},
			},
		},
		{
			name:       "one holding",
			items:      []db.WalletItem{item("BBAS3", "20", 10, "1")},
			qs:         prices("BBAS3", "27.35"),
			patrimonio: "273.50",
			rows:       []want{{"273.50", "100.00", "100.00", "273.50", "0.00", Wait, 0, "36.75"}},
		},
		{
			// No target: quero% and quero$ are zero; without a target there is no advice (not "sell everything"): Wait.
			name:       "all weights zero",
			items:      []db.WalletItem{item("PETR4", "30", 10, "0"), item("VALE3", "50", 10, "0")},
			qs:         prices("PETR4", "30", "VALE3", "50"),
			patrimonio: "800.00",
			rows: []want{
				{"300.00", "0.00", "37.50", "0.00", "-300.00", Wait, 0, "0.00"},
				{"500.00", "0.00", "62.50", "0.00", "-500.00", Wait, 0, "0.00"},
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
				{"300.00", "50.00", "75.00", "200.00", "-100.00", Sell, 3, "0.00"},
				{},
				{"100.00", "50.00", "25.00", "200.00", "100.00", Buy, 2, "0.00"},
			},
		},
		{
			// Nothing held yet: patrimonio 0, so no held % and nothing to buy from the table.
			name:       "zero shares",
			items:      []db.WalletItem{item("PETR4", "30", 0, "1")},
			qs:         prices("PETR4", "30"),
			patrimonio: "0.00",
			rows:       []want{{"0.00", "100.00", "0.00", "0.00", "0.00", Wait, 0, "0.00"}},
		},
		{
			// A third of 100: the repeating decimal is kept exact enough to round right.
			name:       "thirds",
			items:      []db.WalletItem{item("PETR4", "10", 10, "1"), item("VALE3", "10", 0, "1"), item("ITUB4", "10", 0, "1")},
			qs:         prices("PETR4", "10", "VALE3", "10", "ITUB4", "10"),
			patrimonio: "100.00",
			rows: []want{
				{"100.00", "33.33", "100.00", "33.33", "-66.67", Sell, 6, "0.00"},
				{"0.00", "33.33", "0.00", "33.33", "33.33", Buy, 3, "0.00"},
				{"0.00", "33.33", "0.00", "33.33", "33.33", Buy, 3, "0.00"},
			},
		},
		{
			// Less than one share missing or over is no order: VALE3 misses R$ 25 of a R$ 50 share,
			// PETR4 is R$ 25 over with R$ 30 shares. Both Wait with vol 0, never "Buy 0".
			name:       "less than a share",
			items:      []db.WalletItem{item("PETR4", "30", 10, "1"), item("VALE3", "50", 5, "1")},
			qs:         prices("PETR4", "30", "VALE3", "50"),
			patrimonio: "550.00",
			rows: []want{
				{"300.00", "50.00", "54.55", "275.00", "-25.00", Wait, 0, "0.00"},
				{"250.00", "50.00", "45.45", "275.00", "25.00", Wait, 0, "0.00"},
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
					r.FaltaDin.StringFixed(2), r.Order, r.Vol, r.Return.StringFixed(2)}
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
			// Buy/Sell exactly when at least one share is missing/over, and only with targets.
			wantOrder := Wait
			if tb.SumNota.IsPositive() && r.FaltaDin.GreaterThanOrEqual(r.Quote.Price) {
				wantOrder = Buy
			} else if tb.SumNota.IsPositive() && r.FaltaDin.Neg().GreaterThanOrEqual(r.Quote.Price) {
				wantOrder = Sell
			}
			if r.Order != wantOrder || (r.Order == Wait) != (r.Vol == 0) {
				t.Fatalf("%s: ordem %v with falta %s at %s, vol %d", r.Item.Ticker, r.Order, r.FaltaDin, r.Quote.Price, r.Vol)
			}
			// vol is the most whole shares the missing (or excess) value comes to, and never more than held.
			if r.Order != Wait {
				v, f := decimal.NewFromInt(r.Vol), r.FaltaDin.Abs()
				if v.Mul(r.Quote.Price).GreaterThan(f) || v.Add(one).Mul(r.Quote.Price).LessThanOrEqual(f) {
					t.Fatalf("%s: vol %d at %s for falta %s", r.Item.Ticker, r.Vol, r.Quote.Price, r.FaltaDin)
				}
				if r.Order == Sell && r.Vol > r.Item.Quantidade {
					t.Fatalf("%s: sell %d of %d held", r.Item.Ticker, r.Vol, r.Item.Quantidade)
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
// PlanContribution, times (Σ nota)² so that it is exact (no division):
// Σ (nota × (patrimonio + amount) − Σ nota × value)². traded is shares
// bought (negative: sold) by ticker.
func distance(tb Table, amount decimal.Decimal, traded map[string]int64) decimal.Decimal {
	total := tb.Patrimonio.Add(amount)
	d := zero
	for _, r := range tb.Rows {
		if !r.HasQuote {
			continue
		}
		value := r.Quote.Price.Mul(decimal.NewFromInt(r.Item.Quantidade + traded[r.Item.Ticker]))
		diff := r.Item.Nota.Mul(total).Sub(tb.SumNota.Mul(value))
		d = d.Add(diff.Mul(diff))
	}
	return d
}

// reais turns distance back into reais², as the issue states it.
func reais(tb Table, d decimal.Decimal) decimal.Decimal {
	return d.Div(tb.SumNota.Mul(tb.SumNota))
}

// traded is a plan's shares by ticker (negative: sold), after checking
// that its lines add up and that it neither overspends nor oversells.
func traded(t *testing.T, tb Table, p Plan) map[string]int64 {
	t.Helper()
	held := map[string]int64{}
	for _, r := range tb.Rows {
		if r.HasQuote {
			held[r.Item.Ticker] = r.Item.Quantidade
		}
	}
	x := map[string]int64{}
	spent, received := zero, zero
	for _, l := range p.Lines {
		if _, ok := held[l.Ticker]; !ok || l.Shares <= 0 || !l.Value.Equal(l.Price.Mul(decimal.NewFromInt(l.Shares))) {
			t.Fatalf("bad line %+v", l)
		}
		if l.Sell {
			if !p.Selling || l.Shares > held[l.Ticker] {
				t.Fatalf("sold %d %s holding %d (selling allowed: %v)", l.Shares, l.Ticker, held[l.Ticker], p.Selling)
			}
			x[l.Ticker] -= l.Shares
			received = received.Add(l.Value)
		} else {
			x[l.Ticker] += l.Shares
			spent = spent.Add(l.Value)
		}
	}
	if spent.GreaterThan(p.Amount.Add(received)) || !spent.Equal(p.Spent) || !received.Equal(p.Received) ||
		!p.Left.Equal(p.Amount.Add(received).Sub(spent)) {
		t.Fatalf("overspent or miscounted: amount %s, spent %s (plan says %s), received %s (%s), left %s",
			p.Amount, spent, p.Spent, received, p.Received, p.Left)
	}
	return x
}

func TestPlanContribution(t *testing.T) {
	t.Run("by hand", func(t *testing.T) {
		// patrimonio 5000 + 1000 = 6000: targets PETR4 3000 (has 3000), VALE3 1800 (has 1000), ITUB4 1200 (has 1000).
		// VALE3 ⌊800 ÷ 50⌋ = 16, ITUB4 ⌊200 ÷ 40⌋ = 5: R$ 1000 exactly, distance 0.
		tb := Compute([]db.WalletItem{item("PETR4", "25", 100, "5"), item("VALE3", "62.50", 20, "3"), item("ITUB4", "40", 25, "2")},
			prices("PETR4", "30", "VALE3", "50", "ITUB4", "40"))
		p := PlanContribution(tb, dec("1000"), false)
		got := traded(t, tb, p)
		if len(got) != 2 || got["VALE3"] != 16 || got["ITUB4"] != 5 || !p.Spent.Equal(dec("1000")) || !p.Left.IsZero() || !p.Proven {
			t.Fatalf("plan %+v, spent %s left %s", got, p.Spent, p.Left)
		}
	})
	t.Run("issue 16 minimal case", func(t *testing.T) {
		// Empty wallet, weights 5 and 3, R$ 1.459,22: the greedy bought 67 + 1 and left R$ 247,86
		// (distance 62.705); 63 + 2 leaves R$ 5,65 (distance 4.865), and nothing is closer.
		tb := Compute([]db.WalletItem{item("PETR4", "1", 0, "5"), item("VALE3", "1", 0, "3")}, prices("PETR4", "13.65", "VALE3", "296.81"))
		amount := dec("1459.22")
		if d := reais(tb, distance(tb, amount, map[string]int64{"PETR4": 67, "VALE3": 1})).StringFixed(0); d != "62705" {
			t.Fatalf("greedy's distance %s: not the issue's measure", d)
		}
		p := PlanContribution(tb, amount, false)
		got := traded(t, tb, p)
		if got["PETR4"] != 63 || got["VALE3"] != 2 || !p.Left.Equal(dec("5.65")) || !p.Proven {
			t.Fatalf("plan %v, left %s, proven %v", got, p.Left, p.Proven)
		}
		if d := reais(tb, distance(tb, amount, got)).StringFixed(0); d != "4865" {
			t.Fatalf("distance %s", d)
		}
	})
	t.Run("one holding spends all it can", func(t *testing.T) {
		tb := Compute([]db.WalletItem{item("PETR4", "1", 10, "1")}, prices("PETR4", "30"))
		p := PlanContribution(tb, dec("100"), false)
		if len(p.Lines) != 1 || p.Lines[0].Shares != 3 || !p.Left.Equal(dec("10")) {
			t.Fatalf("plan %+v", p)
		}
	})
	t.Run("no weights, no plan", func(t *testing.T) {
		tb := Compute([]db.WalletItem{item("PETR4", "1", 10, "0")}, prices("PETR4", "30"))
		if p := PlanContribution(tb, dec("100"), true); len(p.Lines) != 0 || !p.Left.Equal(dec("100")) {
			t.Fatalf("plan %+v", p)
		}
	})
	t.Run("missing quote is not traded", func(t *testing.T) {
		tb := Compute([]db.WalletItem{item("PETR4", "1", 0, "1"), item("HGLG11", "1", 50, "9")}, prices("PETR4", "30"))
		p := PlanContribution(tb, dec("100"), true)
		if len(p.Lines) != 1 || p.Lines[0].Ticker != "PETR4" || p.Lines[0].Sell {
			t.Fatalf("plan %+v", p)
		}
	})
	t.Run("rebalancing by selling", func(t *testing.T) {
		// PETR4 3000 and VALE3 1000 held, weights 1 and 1, R$ 100 more: T = 4100, targets 2050 each.
		// New money only: 2 VALE3 (R$ 100). Selling too: sell 32 PETR4 (R$ 960 → 2040) and buy 21 VALE3
		// (R$ 1.050 → 2050), R$ 10 left: distance 10² = 100 reais².
		tb := Compute([]db.WalletItem{item("PETR4", "30", 100, "1"), item("VALE3", "50", 20, "1")}, prices("PETR4", "30", "VALE3", "50"))
		buyOnly := traded(t, tb, PlanContribution(tb, dec("100"), false))
		if len(buyOnly) != 1 || buyOnly["VALE3"] != 2 {
			t.Fatalf("new money only: %v", buyOnly)
		}
		p := PlanContribution(tb, dec("100"), true)
		got := traded(t, tb, p)
		if got["PETR4"] != -32 || got["VALE3"] != 21 || !p.Left.Equal(dec("10")) || !p.Proven {
			t.Fatalf("selling: %v", got)
		}
		if best := bruteForce(tb, dec("100"), true); !distance(tb, dec("100"), got).Equal(best) {
			t.Fatalf("selling plan %v at %s, brute force %s", got, distance(tb, dec("100"), got), best)
		}
	})
}

// bruteForce is the least distance over every whole-share plan: every count
// from −held (selling) or 0 up to what the money left can pay.
func bruteForce(tb Table, amount decimal.Decimal, sell bool) decimal.Decimal {
	var rows []Row
	for _, r := range tb.Rows {
		if r.HasQuote {
			rows = append(rows, r)
		}
	}
	x := map[string]int64{}
	best := distance(tb, amount, nil)
	var walk func(i int, left decimal.Decimal)
	walk = func(i int, left decimal.Decimal) {
		if i == len(rows) {
			if left.IsNegative() {
				return
			}
			if d := distance(tb, amount, x); d.LessThan(best) {
				best = d
			}
			return
		}
		r := rows[i]
		lo := int64(0)
		if sell {
			lo = -r.Item.Quantidade
		}
		// Later rows can sell at most what they hold: that bounds this row's buying.
		rest := zero
		if sell {
			for _, o := range rows[i+1:] {
				rest = rest.Add(o.Total)
			}
		}
		for n := lo; ; n++ {
			l := left.Sub(r.Quote.Price.Mul(decimal.NewFromInt(n)))
			if l.Add(rest).IsNegative() {
				break
			}
			x[r.Item.Ticker] = n
			walk(i+1, l)
		}
		delete(x, r.Item.Ticker)
	}
	walk(0, amount)
	return best
}

// The plan is the best whole-share plan: equal, exactly, to brute force over
// thousands of small wallets, with new money only and with sales.
func TestPlanMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	tickers := []string{"PETR4", "VALE3", "ITUB4", "HGLG11"}
	scales := []decimal.Decimal{dec("0.01"), one, dec("25")} // prices from R$ 0,10 to R$ 5.000
	for i := range 4000 {
		sell := i%2 == 1
		scale := scales[rng.IntN(len(scales))]
		n := 1 + rng.IntN(4)
		items := make([]db.WalletItem, n)
		qs := map[string]quotes.Quote{}
		for k := range n {
			items[k] = db.WalletItem{Ticker: tickers[k], PrecoMedio: one, Quantidade: rng.Int64N(4),
				Nota: decimal.New(rng.Int64N(11), -int32(rng.IntN(2)))}
			price := decimal.New(1000+rng.Int64N(19000), -2).Mul(scale).RoundDown(2) // R$ 10–200, scaled
			qs[tickers[k]] = quotes.Quote{Ticker: tickers[k], Price: decimal.Max(price, dec("0.01"))}
		}
		tb := Compute(items, qs)
		amount := decimal.Max(decimal.New(1+rng.Int64N(30000), -2).Mul(scale).RoundDown(2), dec("0.01")) // up to R$ 300, scaled
		p := PlanContribution(tb, amount, sell)
		got := distance(tb, amount, traded(t, tb, p))
		if !tb.SumNota.IsPositive() {
			continue
		}
		if best := bruteForce(tb, amount, sell); !got.Equal(best) || !p.Proven {
			t.Fatalf("case %d (sell %v): plan %+v at distance %s, brute force %s; proven %v\nwallet %+v prices %v amount %s",
				i, sell, p.Lines, got, best, p.Proven, items, qs, amount)
		}
	}
}

// Larger random wallets: never overspent or oversold, never farther than
// the wallet as it is, and (at this size) proven.
func TestPlanContributionProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	improved := 0
	for i := range 1000 {
		sell := i%2 == 1
		items, qs := randomWallet(rng, 1+rng.IntN(12))
		tb := Compute(items, qs)
		amount := decimal.New(rng.Int64N(10_000_000), -2) // up to R$ 100.000,00
		p := PlanContribution(tb, amount, sell)
		x := traded(t, tb, p)
		if !tb.SumNota.IsPositive() {
			if len(p.Lines) > 0 {
				t.Fatalf("traded without targets: %+v", p)
			}
			continue
		}
		before, after := distance(tb, amount, nil), distance(tb, amount, x)
		if after.GreaterThan(before) {
			t.Fatalf("distance grew from %s to %s with %+v", before, after, p.Lines)
		}
		if after.LessThan(before) {
			improved++
		}
		if !p.Proven {
			t.Fatalf("not proven optimal: %d holdings, amount %s", len(items), amount)
		}
	}
	if improved < 500 {
		t.Fatalf("only %d of 1000 plans lowered the distance", improved)
	}
}

// wallet100 is the benchmark: 100 holdings, prices from R$ 0,01 to
// R$ 4.999,99, some held, weights 1–10.
func wallet100(rng *rand.Rand) Table {
	items := make([]db.WalletItem, 100)
	qs := map[string]quotes.Quote{}
	for k := range items {
		tk := fmt.Sprintf("T%03d3", k)
		items[k] = db.WalletItem{Ticker: tk, PrecoMedio: one, Quantidade: rng.Int64N(50), Nota: decimal.NewFromInt(1 + rng.Int64N(10))}
		qs[tk] = quotes.Quote{Ticker: tk, Price: decimal.New(1+rng.Int64N(499_999), -2)}
	}
	return Compute(items, qs)
}

func TestPlan100Holdings(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	proven := 0
	for i := range 20 {
		tb := wallet100(rng)
		amount := decimal.New(1+rng.Int64N(10_000_000), -2)
		before := distance(tb, amount, nil)
		p := PlanContribution(tb, amount, i%2 == 1)
		if after := distance(tb, amount, traded(t, tb, p)); after.GreaterThan(before) {
			t.Fatalf("distance grew from %s to %s", before, after)
		}
		if p.Proven {
			proven++
		}
	}
	t.Logf("%d of 20 plans for 100 holdings proven optimal", proven)
	// The largest amount the form takes (issue 16: such a plan never finished).
	tb := wallet100(rng)
	amount := dec("9999999999.99")
	for _, sell := range []bool{false, true} {
		p := PlanContribution(tb, amount, sell)
		if after := distance(tb, amount, traded(t, tb, p)); after.GreaterThan(distance(tb, amount, nil)) || !p.Proven {
			t.Fatalf("R$ 9.999.999.999,99 (sell %v): distance %s, proven %v", sell, after, p.Proven)
		}
	}
}

// When the search is cut short the plan is the best found: still within
// the money, never farther than the wallet as it is, and said not proven.
func TestPlanCutShort(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i := range 10 {
		tb := wallet100(rng)
		amount := decimal.New(1+rng.Int64N(10_000_000), -2)
		for _, limit := range []int{0, 1000, 50_000} {
			p := planContribution(tb, amount, i%2 == 1, limit)
			if after, before := distance(tb, amount, traded(t, tb, p)), distance(tb, amount, nil); after.GreaterThan(before) || p.Proven {
				t.Fatalf("limit %d: distance %s (before %s), proven %v", limit, after, before, p.Proven)
			}
		}
	}
}

func BenchmarkPlan100(b *testing.B) {
	for _, sell := range []bool{false, true} {
		b.Run(fmt.Sprintf("sell=%v", sell), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(9, 10))
			tb := wallet100(rng)
			amount := dec("10000")
			proven := 0
			for b.Loop() {
				if PlanContribution(tb, amount, sell).Proven {
					proven++
				}
			}
			b.ReportMetric(float64(proven)/float64(b.N), "proven/op")
		})
	}
}
