package graph

import (
	"context"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/charts"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
)

// BenchmarkMaxSVG draws range=max as it was (every trading day) and as it is
// (monthly candles), reporting the SVG's size:
//
//	go test -run '^$' -bench MaxSVG -benchtime 5x ./app/graph/
func BenchmarkMaxSVG(b *testing.B) {
	now := time.Date(2025, 6, 18, 18, 0, 0, 0, quotes.BRT)
	p, err := quotes.New("sim", quotes.Options{Seed: 1, Clock: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	all, err := p.History(context.Background(), "PETR4", now.AddDate(-15, 0, 0), now)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		period charts.Period
	}{{"daily", charts.Daily}, {"monthly", charts.Monthly}} {
		b.Run(c.name, func(b *testing.B) {
			var size, drawn int
			for b.Loop() {
				bars, lead := candles(all, 0, c.period)
				svg, err := charts.Candles(bars, charts.CandleOptions{Title: "PETR4 · max", Lead: lead, Locale: i18n.PtBR})
				if err != nil {
					b.Fatal(err)
				}
				size, drawn = len(svg), len(bars)-lead
			}
			b.ReportMetric(float64(size), "svg-bytes")
			b.ReportMetric(float64(drawn), "candles")
		})
	}
}
