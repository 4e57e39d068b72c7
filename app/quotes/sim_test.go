package quotes

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db/data"
)

// A Wednesday afternoon, mid-session.
var simNow = time.Date(2025, 6, 18, 14, 30, 2, 0, BRT)

func newSimAt(t testing.TB, seed int64, now *time.Time) Provider {
	t.Helper()
	p, err := New("sim", Options{Seed: seed, Clock: func() time.Time { return *now }})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func allTickers() []string {
	var out []string
	for _, a := range data.Assets() {
		out = append(out, a.Ticker)
	}
	return out
}

func sameQuote(a, b Quote) bool {
	return a.Ticker == b.Ticker && a.Price.Equal(b.Price) && sameFigure(a.PrevClose, b.PrevClose) &&
		sameFigure(a.Open, b.Open) && sameFigure(a.DayLow, b.DayLow) && sameFigure(a.DayHigh, b.DayHigh) &&
		sameFigure(a.Low52, b.Low52) && sameFigure(a.High52, b.High52) && a.Volume == b.Volume &&
		a.MarketCap.Equal(b.MarketCap) && a.Time.Equal(b.Time) && a.Stale == b.Stale
}

func sameBar(a, b Bar) bool {
	return a.Day.Equal(b.Day) && a.Open.Equal(b.Open) && a.High.Equal(b.High) && a.Low.Equal(b.Low) &&
		a.Close.Equal(b.Close) && a.Volume == b.Volume
}

func TestSimDeterministic(t *testing.T) {
	ctx := context.Background()
	now := simNow
	p1, p2, p3 := newSimAt(t, 42, &now), newSimAt(t, 42, &now), newSimAt(t, 43, &now)
	// Warm p2 at another time first: caches must not change the answers.
	later := simNow.AddDate(1, 0, 0)
	p2late := p2.(*sim)
	p2late.clock = func() time.Time { return later }
	if _, err := p2.Quotes(ctx, allTickers()[:40]); err != nil {
		t.Fatal(err)
	}
	p2late.clock = func() time.Time { return now }

	q1, _ := p1.Quotes(ctx, allTickers())
	q2, _ := p2.Quotes(ctx, allTickers())
	q3, _ := p3.Quotes(ctx, allTickers())
	if len(q1) != len(data.Assets()) {
		t.Fatalf("got %d quotes, want %d", len(q1), len(data.Assets()))
	}
	differ := 0
	for tk, a := range q1 {
		if !sameQuote(a, q2[tk]) {
			t.Errorf("%s: same seed, different quotes:\n%+v\n%+v", tk, a, q2[tk])
		}
		if !a.Price.Equal(q3[tk].Price) {
			differ++
		}
	}
	if differ < len(q1)*9/10 {
		t.Errorf("only %d of %d prices differ with another seed", differ, len(q1))
	}

	from := simNow.AddDate(-5, 0, 0)
	h1, _ := p1.History(ctx, "PETR4", from, simNow)
	h2, _ := p2.History(ctx, "PETR4", from, simNow)
	h3, _ := p3.History(ctx, "PETR4", from, simNow)
	if len(h1) < 1250 || len(h1) != len(h2) {
		t.Fatalf("history lengths %d and %d", len(h1), len(h2))
	}
	same := 0
	for i := range h1 {
		if !sameBar(h1[i], h2[i]) {
			t.Fatalf("bar %d differs: %+v vs %+v", i, h1[i], h2[i])
		}
		if sameBar(h1[i], h3[i]) {
			same++
		}
	}
	if same > len(h1)/10 {
		t.Errorf("%d of %d bars identical across seeds", same, len(h1))
	}
}

// Times around a session: before the open, during, after the close, weekend.
var simTimes = []time.Time{
	time.Date(2025, 6, 18, 9, 0, 0, 0, BRT),
	time.Date(2025, 6, 18, 10, 0, 0, 0, BRT),
	time.Date(2025, 6, 18, 14, 30, 2, 0, BRT),
	time.Date(2025, 6, 18, 16, 59, 59, 0, BRT),
	time.Date(2025, 6, 18, 18, 0, 0, 0, BRT),
	time.Date(2025, 6, 21, 12, 0, 0, 0, BRT), // Saturday
	time.Date(2025, 6, 23, 9, 59, 0, 0, BRT), // Monday before the open
}

func TestSimConsistentWithHistory(t *testing.T) {
	ctx := context.Background()
	for _, now := range simTimes {
		p := newSimAt(t, 7, &now)
		for _, tk := range []string{"PETR4", "VALE3", "ITUB4", "MXRF11", "HGLG11", "MGLU3"} {
			qs, err := p.Quotes(ctx, []string{tk})
			if err != nil {
				t.Fatal(err)
			}
			q, ok := qs[tk]
			if !ok {
				t.Fatalf("%s missing at %s", tk, now)
			}
			bars, err := p.History(ctx, tk, now.AddDate(-1, 0, -7), now)
			if err != nil {
				t.Fatal(err)
			}
			n := len(bars)
			if n < 252 {
				t.Fatalf("%s: only %d bars in a year", tk, n)
			}
			last, prev := bars[n-1], bars[n-2]
			if !q.PrevClose.Decimal.Equal(prev.Close) {
				t.Errorf("%s at %s: prev close %s, yesterday's bar closed %s", tk, now, q.PrevClose.Decimal, prev.Close)
			}
			if !q.Price.Equal(last.Close) || !q.Open.Decimal.Equal(last.Open) || !q.DayHigh.Decimal.Equal(last.High) ||
				!q.DayLow.Decimal.Equal(last.Low) || q.Volume != last.Volume {
				t.Errorf("%s at %s: quote %+v does not match today's bar %+v", tk, now, q, last)
			}
			if now.Weekday() == time.Saturday && last.Day.Weekday() != time.Friday {
				t.Errorf("%s: on Saturday the last bar is %s", tk, last.Day)
			}
			if q.Time.After(now) {
				t.Errorf("%s: observed at %s, after now %s", tk, q.Time, now)
			}
			// 52 weeks = last 252 bars including today.
			lo, hi := last.Low, last.High
			for _, b := range bars[n-252:] {
				if b.Close.LessThan(q.Low52.Decimal) || b.Close.GreaterThan(q.High52.Decimal) {
					t.Errorf("%s: close %s on %s outside 52w range [%s, %s]", tk, b.Close, b.Day, q.Low52.Decimal, q.High52.Decimal)
				}
				lo, hi = decMin(lo, b.Low), decMax(hi, b.High)
			}
			if !lo.Equal(q.Low52.Decimal) || !hi.Equal(q.High52.Decimal) {
				t.Errorf("%s: 52w range [%s, %s], bars say [%s, %s]", tk, q.Low52.Decimal, q.High52.Decimal, lo, hi)
			}
			if want := q.Price.Mul(decFromInt(mustLookup(t, tk).Shares)); !q.MarketCap.Equal(want) {
				t.Errorf("%s: market cap %s, want %s", tk, q.MarketCap, want)
			}
			for _, b := range bars {
				if b.Day.Weekday() == time.Saturday || b.Day.Weekday() == time.Sunday {
					t.Fatalf("%s: weekend bar %s", tk, b.Day)
				}
				if b.Low.GreaterThan(decMin(b.Open, b.Close)) || b.High.LessThan(decMax(b.Open, b.Close)) || !b.Low.IsPositive() {
					t.Fatalf("%s: inconsistent bar %+v", tk, b)
				}
			}
		}
	}
}

func TestSimIntraday(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 6, 18, 10, 0, 0, 0, BRT)
	p := newSimAt(t, 1, &now)
	var prev Quote
	moves := 0
	for now.Hour() < 17 {
		q := p.(*sim).mustQuote(t, ctx, "VALE3")
		if q.DayLow.Decimal.GreaterThan(q.Open.Decimal) || q.DayHigh.Decimal.LessThan(q.Open.Decimal) ||
			q.DayLow.Decimal.GreaterThan(q.Price) || q.DayHigh.Decimal.LessThan(q.Price) {
			t.Fatalf("at %s day range [%s, %s] misses open %s or price %s", now, q.DayLow.Decimal, q.DayHigh.Decimal, q.Open.Decimal, q.Price)
		}
		if prev.Ticker != "" {
			if q.DayHigh.Decimal.LessThan(prev.DayHigh.Decimal) || q.DayLow.Decimal.GreaterThan(prev.DayLow.Decimal) || q.Volume < prev.Volume {
				t.Fatalf("at %s day range or volume shrank: %+v after %+v", now, q, prev)
			}
			if !q.Price.Equal(prev.Price) {
				moves++
			}
		}
		prev = q
		now = now.Add(5 * time.Second)
	}
	if moves < 1000 {
		t.Errorf("price moved on only %d of 5040 ticks", moves)
	}
	// After the close the quote is the full daily bar: the session touched it.
	closed := p.(*sim).mustQuote(t, ctx, "VALE3")
	if !closed.DayHigh.Decimal.Equal(prev.DayHigh.Decimal) || !closed.DayLow.Decimal.Equal(prev.DayLow.Decimal) {
		t.Errorf("closing range [%s, %s], intraday reached [%s, %s]", closed.DayLow.Decimal, closed.DayHigh.Decimal, prev.DayLow.Decimal, prev.DayHigh.Decimal)
	}
}

func (s *sim) mustQuote(t *testing.T, ctx context.Context, tk string) Quote {
	t.Helper()
	qs, err := s.Quotes(ctx, []string{tk})
	if err != nil || len(qs) != 1 {
		t.Fatalf("Quotes(%s) = %v, %v", tk, qs, err)
	}
	return qs[tk]
}

// FIIs must be visibly calmer than a miner over a year of daily returns.
func TestSimVolatilityBySector(t *testing.T) {
	now := simNow
	p := newSimAt(t, 3, &now)
	vol := func(tk string) float64 {
		bars, err := p.History(context.Background(), tk, now.AddDate(-1, 0, 0), now)
		if err != nil {
			t.Fatal(err)
		}
		var sum, sum2 float64
		for i := 1; i < len(bars); i++ {
			r := math.Log(bars[i].Close.InexactFloat64() / bars[i-1].Close.InexactFloat64())
			sum += r
			sum2 += r * r
		}
		n := float64(len(bars) - 1)
		return math.Sqrt((sum2/n - (sum/n)*(sum/n)) * 252)
	}
	fii, bank, miner := vol("HGLG11"), vol("ITUB4"), vol("VALE3")
	t.Logf("annualised volatility: HGLG11 %.3f, ITUB4 %.3f, VALE3 %.3f", fii, bank, miner)
	if !(fii < bank && bank < miner) || fii > miner/2 {
		t.Errorf("want HGLG11 < ITUB4 < VALE3 and FII under half the miner; got %.3f %.3f %.3f", fii, bank, miner)
	}
}

func TestSimUnknownAndEdges(t *testing.T) {
	ctx := context.Background()
	now := simNow
	p := newSimAt(t, 1, &now)
	qs, err := p.Quotes(ctx, []string{"PETR4", "NOPE3", "petr4.sa", "VALE3"})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 || qs["PETR4"].Ticker != "PETR4" || qs["VALE3"].Ticker != "VALE3" {
		t.Errorf("got %v", qs)
	}
	if _, err := p.History(ctx, "NOPE3", now.AddDate(0, -1, 0), now); !errors.Is(err, ErrNotFound) {
		t.Errorf("History(NOPE3) error = %v, want ErrNotFound", err)
	}
	// A window entirely in the future or on a weekend is empty, not an error.
	for _, w := range [][2]time.Time{
		{now.AddDate(0, 0, 1), now.AddDate(0, 0, 5)},
		{time.Date(2025, 6, 14, 0, 0, 0, 0, BRT), time.Date(2025, 6, 15, 0, 0, 0, 0, BRT)},
	} {
		if bars, err := p.History(ctx, "PETR4", w[0], w[1]); err != nil || len(bars) != 0 {
			t.Errorf("History%v = %d bars, %v", w, len(bars), err)
		}
	}
	week, _ := p.History(ctx, "PETR4", time.Date(2025, 6, 9, 0, 0, 0, 0, BRT), time.Date(2025, 6, 13, 23, 0, 0, 0, BRT))
	if len(week) != 5 || week[0].Day.Weekday() != time.Monday || week[4].Day.Weekday() != time.Friday {
		t.Errorf("one week gave %d bars", len(week))
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.Quotes(cancelled, []string{"PETR4"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}

func TestNewUnknownProvider(t *testing.T) {
	if _, err := New("bloomberg", Options{}); !errors.Is(err, ErrUnknown) {
		t.Errorf("New(bloomberg) error = %v", err)
	}
	p, err := New("", Options{})
	if err != nil || p.Name() != "sim" {
		t.Errorf("New(\"\") = %v, %v; want the sim", p, err)
	}
}

func BenchmarkSimHistory5y(b *testing.B) {
	now := simNow
	ctx := context.Background()
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			p := newSimAt(b, 1, &now)
			if bars, _ := p.History(ctx, "PETR4", now.AddDate(-5, 0, 0), now); len(bars) < 1250 {
				b.Fatal(len(bars))
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		p := newSimAt(b, 1, &now)
		for b.Loop() {
			if bars, _ := p.History(ctx, "PETR4", now.AddDate(-5, 0, 0), now); len(bars) < 1250 {
				b.Fatal(len(bars))
			}
		}
	})
}

func BenchmarkSimQuotesAll(b *testing.B) {
	now := simNow
	p := newSimAt(b, 1, &now)
	tickers := allTickers()
	ctx := context.Background()
	for b.Loop() {
		now = now.Add(5 * time.Second)
		if qs, _ := p.Quotes(ctx, tickers); len(qs) != len(tickers) {
			b.Fatal(len(qs))
		}
	}
}

// The demo (SIM_SESSION=always) must move on a weekday night, on a Saturday
// afternoon and on a Sunday at dawn; in B3 mode none of those trade.
func TestSimAlwaysMovesOnNightsAndWeekends(t *testing.T) {
	for _, start := range []time.Time{
		time.Date(2026, 11, 26, 22, 0, 0, 0, BRT), // Thursday, after B3 closes
		time.Date(2026, 11, 28, 15, 0, 0, 0, BRT), // Saturday afternoon
		time.Date(2026, 11, 29, 4, 0, 0, 0, BRT),  // Sunday before dawn
	} {
		for _, always := range []bool{false, true} {
			now := start
			p, err := New("sim", Options{Seed: 1, SimAlways: always, Clock: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			tickers := []string{"PETR4", "VALE3", "ITUB4", "HGLG11"}
			a, _ := p.Quotes(context.Background(), tickers)
			now = start.Add(10 * time.Second)
			b, _ := p.Quotes(context.Background(), tickers)
			if len(a) != len(tickers) || len(b) != len(tickers) {
				t.Fatalf("%s always=%v: %d and %d quotes", start, always, len(a), len(b))
			}
			moved := false
			for tk := range a {
				moved = moved || !a[tk].Price.Equal(b[tk].Price) || !a[tk].Time.Equal(b[tk].Time)
			}
			if moved != always {
				t.Errorf("%s always=%v: quotes moved = %v", start.Format("Mon 15:04"), always, moved)
			}
			if always && !b["PETR4"].Time.Equal(now.Truncate(5*time.Second)) {
				t.Errorf("%s: the demo's quote time is %s, want the current 5 s step", start.Format("Mon 15:04"), b["PETR4"].Time)
			}
		}
	}
}

// In the demo a weekend day is a trading day like any other: its history has
// a bar for it, and the live quote ends on that bar.
func TestSimAlwaysHistoryHasWeekendBars(t *testing.T) {
	now := time.Date(2026, 11, 29, 18, 0, 0, 0, BRT) // Sunday
	p, err := New("sim", Options{Seed: 1, SimAlways: true, Clock: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	bars, err := p.History(context.Background(), "PETR4", now.AddDate(0, 0, -6), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(bars) != 7 || bars[0].Day.Weekday() != time.Monday || bars[6].Day.Weekday() != time.Sunday {
		t.Fatalf("a week of demo history: %d bars from %v", len(bars), bars)
	}
	qs, _ := p.Quotes(context.Background(), []string{"PETR4"})
	if !qs["PETR4"].Price.Equal(bars[6].Close) {
		t.Errorf("live price %s, today's bar closes at %s", qs["PETR4"].Price, bars[6].Close)
	}
}
