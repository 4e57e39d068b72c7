package charts

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"

	ch "github.com/go-analyze/charts"
	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
)

// CandleOptions configures Candles. Zero values get sensible defaults.
type CandleOptions struct {
	Title         string // drawn as text; escaped by the SVG writer
	Width, Height int    // pixels; default 900x500
	Theme         string // "light" (default) or "dark"
	// Lead is the number of leading bars used only to warm up the moving
	// averages; they are not drawn. Pass 49 extra days to get a full MA50
	// from the first drawn candle.
	Lead int
	// DateLayout formats the x-axis dates (Go layout); default "02/01/06".
	DateLayout string
	// MaxLabels caps the number of x-axis date labels; 0 fits as many as
	// stay apart.
	MaxLabels int
	// Locale formats the price axis and each candle's <title>; default pt-BR.
	Locale *i18n.Locale
}

// MA periods drawn over the candles.
const (
	shortMA = 20
	longMA  = 50
)

// Candles renders bars as an SVG candlestick chart with a volume band at the
// bottom and 20/50-day simple moving averages of the close.
func Candles(bars []quotes.Bar, opts CandleOptions) ([]byte, error) {
	if opts.Lead < 0 || opts.Lead >= len(bars) {
		return nil, fmt.Errorf("charts: lead %d leaves no bars to draw out of %d", opts.Lead, len(bars))
	}
	opts = candleDefaults(opts)

	closes := make([]decimal.Decimal, len(bars))
	for i, b := range bars {
		closes[i] = b.Close
	}
	ma20 := MovingAverage(closes, shortMA)
	ma50 := MovingAverage(closes, longMA)

	drawn := bars[opts.Lead:]
	n := len(drawn)
	ohlc := make([]float64, 0, 4*n)
	vol := make([]float64, n)
	line20 := make([]float64, n)
	line50 := make([]float64, n)
	labels := make([]string, n)
	low, high := math.MaxFloat64, -math.MaxFloat64
	var maxVol float64
	for i, b := range drawn {
		o, h, l, c := px(b.Open), px(b.High), px(b.Low), px(b.Close)
		ohlc = append(ohlc, o, h, l, c)
		low, high = math.Min(low, l), math.Max(high, h)
		vol[i] = float64(b.Volume)
		maxVol = math.Max(maxVol, vol[i])
		line20[i] = maPoint(ma20, opts.Lead+i, shortMA)
		line50[i] = maPoint(ma50, opts.Lead+i, longMA)
	}
	for _, i := range labelAt(n, opts) {
		labels[i] = drawn[i].Day.Format(opts.DateLayout)
	}
	for _, v := range [...][]float64{line20, line50} {
		for _, x := range v {
			if x != ch.GetNullValue() {
				low, high = math.Min(low, x), math.Max(high, x)
			}
		}
	}
	if high <= low { // flat series: give the axis some height
		low, high = low-1, high+1
	}
	// Volume shares the plot on a hidden second axis scaled so its tallest
	// bar reaches a quarter of the height; the price axis starts low enough
	// that candles stay above that band.
	span := high - low
	priceMin := math.Max(0, low-span/3)
	priceMax := high + span*0.03
	volMax := math.Max(maxVol*4, 1)
	// Price labels over the volume band (its bottom quarter, plus half a
	// label's height) would read as volumes: leave them out.
	volTop := priceMin + (priceMax-priceMin)*0.28
	priceLabel := func(f float64) string {
		if f < volTop {
			return ""
		}
		return opts.Locale.Money(decimal.NewFromFloat(f))
	}

	// Below ~3px per day the library's bodies shrink to zero width; colouring
	// the wicks then keeps up and down days apart.
	pal := theme(opts.Theme)
	chPal := pal.candles
	dense := opts.Width < 3*n
	if dense {
		chPal = pal.dense
	}
	opt := ch.ChartOption{
		OutputFormat:    ch.ChartOutputSVG,
		Width:           opts.Width,
		Height:          opts.Height,
		Theme:           chPal,
		Padding:         ch.Box{Top: 12, Left: 12, Right: 16, Bottom: 8},
		Title:           ch.TitleOption{Text: opts.Title, FontStyle: ch.FontStyle{FontSize: 14}},
		Symbol:          ch.Symbol{Shape: ch.SymbolNone},
		LineStrokeWidth: 1.5,
		XAxis: ch.XAxisOption{
			Labels:      labels,
			LabelCount:  n, // every slot: labelAt leaves all but a few empty
			BoundaryGap: ch.Ptr(true),
		},
		YAxis: []ch.YAxisOption{
			{Min: &priceMin, Max: &priceMax, ValueFormatter: priceLabel},
			{Min: ch.Ptr(0.0), Max: &volMax, Show: ch.Ptr(false)},
		},
		Legend: ch.LegendOption{
			SeriesNames: []string{"", "Vol", "MM20", "MM50"},
			Offset:      ch.OffsetRight,
			Symbol:      ch.SymbolSquare,
		},
		SeriesList: ch.GenericSeriesList{
			{Type: ch.ChartTypeCandlestick, Values: ohlc},
			{Type: ch.ChartTypeBar, Values: vol, YAxisIndex: 1, Name: "Vol"},
			{Type: ch.ChartTypeLine, Values: line20, Name: "MM20"},
			{Type: ch.ChartTypeLine, Values: line50, Name: "MM50"},
		},
	}
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
	out = finish(out, opts.Width, opts.Height)
	out = widenVolume(out, pal.candles.GetSeriesColor(1).String(), float64(opts.Width-110)/float64(n))
	if !dense {
		out = titled(out, drawn, opts.Locale)
	}
	return out, nil
}

func candleDefaults(o CandleOptions) CandleOptions {
	if o.Width <= 0 {
		o.Width = 900
	}
	if o.Height <= 0 {
		o.Height = 500
	}
	if o.DateLayout == "" {
		o.DateLayout = "02/01/06"
	}
	if o.Locale == nil {
		o.Locale = i18n.PtBR
	}
	return o
}

// maPoint converts one moving-average entry for drawing; entries without a
// full window become the library's null so the line starts where the MA does.
func maPoint(ma []decimal.Decimal, i, n int) float64 {
	if i < n-1 {
		return ch.GetNullValue()
	}
	return px(ma[i])
}

// px is the single decimal→float64 conversion: values only become floats to
// be turned into pixel coordinates.
func px(d decimal.Decimal) float64 {
	f, _ := d.Float64()
	return f
}

// labelAt picks which of n candles get a date label: evenly spaced from the
// first drawn candle, far enough apart that dates never touch, and none so
// close to the right edge that it is clipped or crowds its neighbour (the
// library, left to itself, always pins one there).
func labelAt(n int, o CandleOptions) []int {
	const labelPx, gapPx, rightPx = 72, 40, 36 // a dd/mm/yy label at 16px; the room it needs right of its candle
	slot := float64(o.Width-110) / float64(n)  // the plot is the width less the price axis and padding
	step := max(1, int(math.Ceil((labelPx+gapPx)/slot)))
	if o.MaxLabels > 0 {
		step = max(step, (n+o.MaxLabels-1)/o.MaxLabels)
	}
	last := n - 1 - int(math.Ceil(rightPx/slot-0.5))
	var at []int
	for i := 0; i <= last || i == 0; i += step {
		at = append(at, i)
	}
	return at
}

// widenVolume gives the volume bars a stroke as wide as half a slot: below
// ~5px per slot the library draws them zero pixels wide, and a monthly chart
// of the whole history showed no volume at all.
func widenVolume(svg []byte, color string, slot float64) []byte {
	if slot >= 6 {
		return svg
	}
	w := strconv.FormatFloat(math.Max(1, math.Round(slot*5)/10), 'f', -1, 64)
	return bytes.ReplaceAll(svg, []byte(` stroke="none" fill="`+color+`"`),
		[]byte(` stroke="`+color+`" stroke-width="`+w+`" fill="`+color+`"`))
}
