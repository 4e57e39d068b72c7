package charts

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"time"

	ch "github.com/go-analyze/charts"
	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/app/i18n"
)

// Line is one series of a line chart: a value per day, missing where Valid
// is false (drawn as a gap).
type Line struct {
	Name   string
	Values []decimal.NullDecimal
}

// LineOptions configures Lines. Zero values get sensible defaults.
type LineOptions struct {
	Title string // drawn as text
	// Desc is the chart's text alternative, given with Title as the SVG's
	// <title> and <desc> for screen readers.
	Desc          string
	Width, Height int    // pixels; default 900x420
	Theme         string // "light" (default) or "dark"
	DateLayout    string // x-axis dates (Go layout); default "02/01/06"
	Places        int32  // decimals of the value axis labels; default 0
	Locale        *i18n.Locale
}

// Lines renders series over days as an SVG line chart, the value axis
// labelled in the locale's numbers.
func Lines(days []time.Time, series []Line, opts LineOptions) ([]byte, error) {
	n := len(days)
	if n == 0 || len(series) == 0 {
		return nil, errors.New("charts: nothing to draw")
	}
	if opts.Width <= 0 {
		opts.Width = 900
	}
	if opts.Height <= 0 {
		opts.Height = 420
	}
	if opts.DateLayout == "" {
		opts.DateLayout = "02/01/06"
	}
	if opts.Locale == nil {
		opts.Locale = i18n.PtBR
	}
	low, high := math.MaxFloat64, -math.MaxFloat64
	list := make(ch.GenericSeriesList, len(series))
	names := make([]string, len(series))
	for k, s := range series {
		if len(s.Values) != n {
			return nil, fmt.Errorf("charts: series %q has %d values for %d days", s.Name, len(s.Values), n)
		}
		v := make([]float64, n)
		for i, x := range s.Values {
			if !x.Valid {
				v[i] = ch.GetNullValue()
				continue
			}
			v[i] = px(x.Decimal)
			low, high = math.Min(low, v[i]), math.Max(high, v[i])
		}
		list[k] = ch.GenericSeries{Type: ch.ChartTypeLine, Values: v, Name: s.Name}
		names[k] = s.Name
	}
	if low > high {
		return nil, errors.New("charts: no values")
	}
	if high-low < 2 { // flat: give the axis some height
		low, high = low-1, high+1
	}
	span := high - low
	yMin, yMax := low-span*0.05, high+span*0.05
	labels := make([]string, n)
	for _, i := range labelAt(n, CandleOptions{Width: opts.Width}) {
		labels[i] = days[i].Format(opts.DateLayout)
	}
	pal := theme(opts.Theme)
	opt := ch.ChartOption{
		OutputFormat:    ch.ChartOutputSVG,
		Width:           opts.Width,
		Height:          opts.Height,
		Theme:           pal.candles,
		Padding:         ch.Box{Top: 12, Left: 12, Right: 16, Bottom: 8},
		Title:           ch.TitleOption{Text: opts.Title, FontStyle: ch.FontStyle{FontSize: 14}},
		Symbol:          ch.Symbol{Shape: ch.SymbolNone},
		LineStrokeWidth: 2,
		XAxis:           ch.XAxisOption{Labels: labels, LabelCount: n, BoundaryGap: ch.Ptr(false)},
		YAxis: []ch.YAxisOption{{Min: &yMin, Max: &yMax, ValueFormatter: func(f float64) string {
			return opts.Locale.Decimal(decimal.NewFromFloat(f), opts.Places)
		}}},
		Legend:     ch.LegendOption{SeriesNames: names, Offset: ch.OffsetRight, Symbol: ch.SymbolSquare},
		SeriesList: list,
	}
	// The candle palette's first colour is the grey of wicks; lines take the
	// moving averages' blue and orange.
	opt.Theme = opt.Theme.WithSeriesColors(lineColors(pal))
	p, err := ch.Render(opt)
	if err != nil {
		return nil, err
	}
	out, err := p.Bytes()
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("charts: empty render")
	}
	return described(finish(out, opts.Width, opts.Height), opts.Title, opts.Desc), nil
}

func lineColors(p palette) []ch.Color {
	return []ch.Color{p.candles.GetSeriesColor(2), p.candles.GetSeriesColor(3)}
}

// described makes the root an image named by a <title> and described by a
// <desc>, its first children, so screen readers announce the chart.
func described(svg []byte, title, desc string) []byte {
	i := bytes.Index(svg, []byte("<svg "))
	if i < 0 {
		return svg
	}
	end := bytes.IndexByte(svg[i:], '>')
	if end < 0 || svg[i+end-1] == '/' {
		return svg
	}
	end += i
	var b bytes.Buffer
	b.Grow(len(svg) + len(title) + len(desc) + 128)
	b.Write(svg[:end])
	b.WriteString(` role="img" aria-labelledby="lines-title lines-desc"><title id="lines-title">`)
	_ = xml.EscapeText(&b, []byte(title))
	b.WriteString(`</title><desc id="lines-desc">`)
	_ = xml.EscapeText(&b, []byte(desc))
	b.WriteString(`</desc>`)
	b.Write(svg[end+1:])
	return b.Bytes()
}
