// Package graph draws a ticker's price history: /graph, a page with range
// links (htmx swaps #chart alone), an accessible summary and a table of the
// latest days; and /graph.svg, the candlestick chart drawn by app/charts.
//
// Up to 6 months a candle is a day; 1 year draws weekly and 5 years/max
// monthly candles (open of the first day, close of the last, extreme
// high/low, summed volume, dated at the period's start; MM20/MM50 are
// computed on the candles), so no range passes ~200 candles (BenchmarkMaxSVG).
// The table of latest days stays daily. The price axis and each candle's
// <title> follow the page's locale.
//
// The ETag is computed from what the chart is drawn from, locale included,
// so a revalidation is a 304 without drawing. Drawn charts are kept in an
// LRU bounded by bytes (16 MiB), not by count: sizes differ 50×.
package graph
