package charts

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/quotes"
)

func bar(day string, o, h, l, c string, v int64) quotes.Bar {
	d, err := time.ParseInLocation("2006-01-02", day, quotes.BRT)
	if err != nil {
		panic(err)
	}
	return quotes.Bar{Day: d, Open: dec(o), High: dec(h), Low: dec(l), Close: dec(c), Volume: v}
}

// A fixed series across a month end, a weekend and a holiday-free week,
// against OHLC worked out by hand.
func TestAggregateOHLC(t *testing.T) {
	days := []quotes.Bar{
		bar("2025-01-29", "10.00", "10.50", "9.80", "10.20", 100), // Wed
		bar("2025-01-30", "10.20", "11.00", "10.10", "10.90", 200),
		bar("2025-01-31", "10.90", "10.95", "10.30", "10.40", 300), // Fri, month end
		bar("2025-02-03", "10.40", "10.60", "9.50", "9.70", 400),   // Mon
		bar("2025-02-04", "9.70", "10.10", "9.60", "10.00", 500),
		bar("2025-02-10", "10.00", "10.20", "9.90", "10.10", 600), // next Mon
	}
	type want struct {
		day        string
		o, h, l, c string
		v          int64
	}
	check := func(p Period, got []quotes.Bar, ws []want) {
		t.Helper()
		if len(got) != len(ws) {
			t.Fatalf("period %d: %d bars, want %d", p, len(got), len(ws))
		}
		for i, w := range ws {
			g := got[i]
			if g.Day.Format("2006-01-02") != w.day || !g.Open.Equal(dec(w.o)) || !g.High.Equal(dec(w.h)) ||
				!g.Low.Equal(dec(w.l)) || !g.Close.Equal(dec(w.c)) || g.Volume != w.v {
				t.Errorf("period %d bar %d = %s %s/%s/%s/%s %d, want %+v", p, i,
					g.Day.Format("2006-01-02"), g.Open, g.High, g.Low, g.Close, g.Volume, w)
			}
		}
	}
	check(Weekly, Aggregate(days, Weekly), []want{
		{"2025-01-27", "10.00", "11.00", "9.80", "10.40", 600},
		{"2025-02-03", "10.40", "10.60", "9.50", "10.00", 900},
		{"2025-02-10", "10.00", "10.20", "9.90", "10.10", 600},
	})
	check(Monthly, Aggregate(days, Monthly), []want{
		{"2025-01-01", "10.00", "11.00", "9.80", "10.40", 600},
		{"2025-02-01", "10.40", "10.60", "9.50", "10.10", 1500},
	})
	if got := Aggregate(days, Daily); len(got) != len(days) {
		t.Errorf("daily: %d bars", len(got))
	}
	if !days[0].Day.Equal(bar("2025-01-29", "0", "0", "0", "0", 0).Day) || !days[0].High.Equal(decimal.RequireFromString("10.50")) {
		t.Error("Aggregate changed its input")
	}
}

// Over real history, one candle per distinct ISO week / calendar month.
func TestAggregateOnePerPeriod(t *testing.T) {
	bars := history(t, 5*365)
	weeks, months := map[[2]int]bool{}, map[[2]int]bool{}
	for _, b := range bars {
		y, w := b.Day.ISOWeek()
		weeks[[2]int{y, w}] = true
		months[[2]int{b.Day.Year(), int(b.Day.Month())}] = true
	}
	if got := len(Aggregate(bars, Weekly)); got != len(weeks) {
		t.Errorf("weekly: %d candles, %d distinct weeks", got, len(weeks))
	}
	if got := len(Aggregate(bars, Monthly)); got != len(months) {
		t.Errorf("monthly: %d candles, %d distinct months", got, len(months))
	}
}
