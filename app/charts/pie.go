package charts

import (
	"errors"
	"fmt"
	"slices"

	ch "github.com/go-analyze/charts"
	"github.com/shopspring/decimal"
)

// Slice is one pie segment, e.g. an asset and its target weight, or a market
// (IBOV, IFIX) and the value held in it.
type Slice struct {
	Label string
	Value decimal.Decimal
}

// PieOptions configures Pie. Zero values get sensible defaults.
type PieOptions struct {
	Title         string
	Width, Height int    // pixels; default 600x400
	Theme         string // "light" (default) or "dark"
	// Empty is drawn under the title when no slice has a positive value;
	// default "Nothing to show". Callers pass their translation.
	Empty string
	// Percent formats a slice's share (0–100, 1 decimal place) for its
	// label; default "12.5%". Lets callers localise ("12,5%").
	Percent func(decimal.Decimal) string
	// MaxSlices caps the drawn slices (default 12): the smallest are summed
	// into one slice labelled Other (default "Others"), since beyond a dozen
	// the labels of thin slices pile up past the edge of the image.
	MaxSlices int
	Other     string
}

// ErrNegative is returned when a slice has a negative value: a pie of
// allocations cannot show it.
var ErrNegative = errors.New("charts: negative pie slice")

var hundred = decimal.NewFromInt(100)

// Pie renders an SVG pie with "Label 12.5%" labels. Zero slices are dropped
// and the rest are sorted largest first, the tail beyond opts.MaxSlices
// merged into one "Others" slice. If
// nothing is left it still returns a valid SVG (title, an empty-set symbol
// and opts.Empty) and a nil error, so pages need no special case.
func Pie(slices_ []Slice, opts PieOptions) ([]byte, error) {
	if opts.Width <= 0 {
		opts.Width = 600
	}
	if opts.Height <= 0 {
		opts.Height = 400
	}
	if opts.Empty == "" {
		opts.Empty = "Nothing to show"
	}
	if opts.MaxSlices < 2 {
		opts.MaxSlices = 12
	}
	if opts.Other == "" {
		opts.Other = "Others"
	}
	if opts.Percent == nil {
		opts.Percent = func(d decimal.Decimal) string { return d.StringFixed(1) + "%" }
	}

	kept := make([]Slice, 0, len(slices_))
	total := decimal.Zero
	for _, s := range slices_ {
		switch s.Value.Sign() {
		case -1:
			return nil, fmt.Errorf("%w: %q", ErrNegative, s.Label)
		case 1:
			kept = append(kept, s)
			total = total.Add(s.Value)
		}
	}
	slices.SortStableFunc(kept, func(a, b Slice) int { return b.Value.Cmp(a.Value) })
	if len(kept) > opts.MaxSlices {
		rest := Slice{Label: opts.Other}
		for _, s := range kept[opts.MaxSlices-1:] {
			rest.Value = rest.Value.Add(s.Value)
		}
		kept = append(kept[:opts.MaxSlices-1], rest)
	}

	series := make(ch.PieSeriesList, len(kept))
	labels := make([]string, len(kept))
	for i, s := range kept {
		// Shares are computed in decimal so labels add up as the user expects;
		// only the sector angle goes through float64.
		labels[i] = s.Label + " " + opts.Percent(s.Value.Mul(hundred).DivRound(total, 1))
		series[i] = ch.PieSeries{Value: px(s.Value), Name: s.Label}
	}
	label := ch.SeriesLabel{LabelFormatter: func(i int, _ string, _ float64) (string, *ch.LabelStyle) {
		return labels[i], nil
	}}
	for i := range series {
		series[i].Label = label
	}

	title := ch.TitleOption{Text: opts.Title, FontStyle: ch.FontStyle{FontSize: 14}}
	if len(kept) == 0 {
		title.Subtext = opts.Empty
	}
	pal := theme(opts.Theme).pie
	p := ch.NewPainter(ch.PainterOptions{
		OutputFormat: ch.ChartOutputSVG,
		Width:        opts.Width,
		Height:       opts.Height,
	}, ch.PainterThemeOption(pal))
	err := p.PieChart(ch.PieChartOption{
		Theme:      pal,
		Padding:    ch.NewBoxEqual(12),
		SeriesList: series,
		Title:      title,
		// Labels already name each slice; a legend would repeat them and
		// crowd out the pie once there are 20+ assets.
		Legend: ch.LegendOption{Show: ch.Ptr(false)},
	})
	if err != nil {
		return nil, err
	}
	out, err := p.Bytes()
	if err != nil {
		return nil, err
	}
	return finish(out, opts.Width, opts.Height), nil
}
