package charts

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/quotes"
)

var testNow = time.Date(2025, 6, 18, 18, 0, 0, 0, quotes.BRT)

// history returns deterministic PETR4 bars for the last `days` calendar days.
func history(t testing.TB, days int) []quotes.Bar {
	t.Helper()
	p, err := quotes.New("sim", quotes.Options{Seed: 1, Clock: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	bars, err := p.History(context.Background(), "PETR4", testNow.AddDate(0, 0, -days), testNow)
	if err != nil {
		t.Fatal(err)
	}
	return bars
}

// CHARTS_EXAMPLE=1 writes sample charts to /tmp for a visual check (the
// checked examples are ExampleCandles and ExamplePie in example_test.go).
func TestWriteExamples(t *testing.T) {
	if os.Getenv("CHARTS_EXAMPLE") != "1" {
		t.Skip("set CHARTS_EXAMPLE=1 to write /tmp/charts-example-*.svg")
	}
	bars := history(t, 365+80) // one year plus MA50 warm-up
	lead := len(bars) - len(history(t, 365))
	svg, err := Candles(bars, CandleOptions{Title: "PETR4 <script>&\"", Lead: lead})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("/tmp/charts-example-candles.svg", svg, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bars, %d drawn, %d bytes", len(bars), len(bars)-lead, len(svg))
	long := history(t, 5*365+80)
	svg, err = Candles(long, CandleOptions{Title: "PETR4 5y", Lead: 49, Theme: "dark"})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("/tmp/charts-example-candles-5y.svg", svg, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWritePieExamples(t *testing.T) {
	if os.Getenv("CHARTS_EXAMPLE") != "1" {
		t.Skip("set CHARTS_EXAMPLE=1 to write /tmp/charts-example-*.svg")
	}
	write := func(name string, s []Slice, o PieOptions) {
		t.Helper()
		svg, err := Pie(s, o)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, svg, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("/tmp/charts-example-pie.svg", []Slice{
		{"PETR4", dec("30")}, {"VALE3", dec("25")}, {"ITUB4", dec("20")},
		{"HGLG11", dec("15")}, {"KNRI11", dec("10")}, {"ZERO3", dec("0")},
	}, PieOptions{Title: "Alocação alvo <&>"})
	write("/tmp/charts-example-pie-many.svg", manySlices(24), PieOptions{Title: "24 ativos", Theme: "dark"})
	write("/tmp/charts-example-pie-empty.svg", nil, PieOptions{Title: "Vazia"})
}
