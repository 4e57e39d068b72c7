package graph

import (
	"time"

	"github.com/stonks-b3/stonks/app/charts"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// Handler serves /graph and /graph.svg.
type Handler struct {
	env    *web.Env
	quotes *quotes.Service

	cache *svgCache // rendered SVG by ETag, bounded by bytes
	etags etagMemo  // request (and the history it was drawn from) to ETag
}

// New makes the graph handlers.
func New(env *web.Env, q *quotes.Service) *Handler {
	return &Handler{env: env, quotes: q, cache: newSVGCache(cacheBytes)}
}

// Range is one of the chart's time ranges.
type Range struct {
	Key   string // the range= value
	Label string // shown on the range links (translated)
	from  func(now time.Time) time.Time
	// Period is what one candle covers. Longer ranges are drawn in weekly or
	// monthly candles: 3,900 daily ones in 900 px were unreadable, ~2 MB
	// and slow to draw; this keeps every range under ~200 candles.
	Period charts.Period
}

// Ranges in the order the links show them; 1y is the default.
var Ranges = []Range{
	{"1m", "1 month", func(t time.Time) time.Time { return t.AddDate(0, -1, 0) }, charts.Daily},
	{"3m", "3 months", func(t time.Time) time.Time { return t.AddDate(0, -3, 0) }, charts.Daily},
	{"6m", "6 months", func(t time.Time) time.Time { return t.AddDate(0, -6, 0) }, charts.Daily},
	{"1y", "1 year", func(t time.Time) time.Time { return t.AddDate(-1, 0, 0) }, charts.Weekly},
	{"5y", "5 years", func(t time.Time) time.Time { return t.AddDate(-5, 0, 0) }, charts.Monthly},
	{"max", "max", func(t time.Time) time.Time { return time.Time{} }, charts.Monthly},
}

// Alt is the message key of the chart's text alternative, which says what a
// candle and the moving averages span.
func (r Range) Alt() string {
	switch r.Period {
	case charts.Weekly:
		return "Candlestick chart of %s over %s in weekly candles, with volume and 20- and 50-week moving averages."
	case charts.Monthly:
		return "Candlestick chart of %s over %s in monthly candles, with volume and 20- and 50-month moving averages."
	}
	return "Candlestick chart of %s over %s, with volume and 20- and 50-day moving averages."
}

// Candles is the message key naming an aggregated range's candles, shown in
// the chart's title; empty for daily candles.
func (r Range) Candles() string {
	switch r.Period {
	case charts.Weekly:
		return "weekly candles"
	case charts.Monthly:
		return "monthly candles"
	}
	return ""
}

func rangeOf(key string) (Range, bool) {
	if key == "" {
		key = "1y"
	}
	for _, r := range Ranges {
		if r.Key == key {
			return r, true
		}
	}
	return Range{}, false
}
