package charts

import ch "github.com/go-analyze/charts"

type palette struct {
	candles ch.ColorPalette // grey wicks: bodies are the only up/down shapes
	dense   ch.ColorPalette // wicks in the body colour, for candles too thin to show a body
	pie     ch.ColorPalette // the library's many-colour series list
}

// B3 convention: green up, red down.
var (
	upColor   = ch.Color{R: 38, G: 166, B: 91, A: 255}
	downColor = ch.Color{R: 229, G: 57, B: 53, A: 255}

	lightTheme = newPalette(ch.ThemeOption{
		AxisStrokeColor:    ch.Color{R: 110, G: 112, B: 121, A: 255},
		AxisSplitLineColor: ch.Color{R: 230, G: 233, B: 240, A: 255},
		BackgroundColor:    ch.ColorWhite,
		TextColor:          ch.Color{R: 60, G: 60, B: 60, A: 255},
		CandleWickColor:    ch.Color{R: 120, G: 120, B: 128, A: 255},
		SeriesColors: []ch.Color{
			{R: 120, G: 120, B: 128, A: 255}, // candles (legend draws up/down)
			{R: 160, G: 170, B: 190, A: 160}, // volume
			{R: 33, G: 112, B: 230, A: 255},  // MM20
			{R: 240, G: 150, B: 20, A: 255},  // MM50
		},
	}, ch.ThemeLight)
	darkTheme = newPalette(ch.ThemeOption{
		IsDarkMode:         true,
		AxisStrokeColor:    ch.Color{R: 170, G: 172, B: 186, A: 255},
		AxisSplitLineColor: ch.Color{R: 55, G: 58, B: 68, A: 255},
		BackgroundColor:    ch.Color{R: 24, G: 26, B: 32, A: 255},
		TextColor:          ch.Color{R: 225, G: 225, B: 230, A: 255},
		CandleWickColor:    ch.Color{R: 150, G: 152, B: 165, A: 255},
		SeriesColors: []ch.Color{
			{R: 150, G: 152, B: 165, A: 255},
			{R: 90, G: 100, B: 125, A: 170},
			{R: 80, G: 160, B: 255, A: 255},
			{R: 255, G: 180, B: 60, A: 255},
		},
	}, ch.ThemeDark)
)

func newPalette(o ch.ThemeOption, pie string) palette {
	o.SeriesUpDownColors = [][2]ch.Color{{upColor, downColor}}
	p := palette{candles: ch.MakeTheme(o), pie: ch.GetTheme(pie)}
	o.CandleWickColor = ch.Color{} // zero: the library uses the body colour
	p.dense = ch.MakeTheme(o)
	return p
}

// theme picks the palette by name; anything but "dark" is light.
func theme(name string) palette {
	if name == "dark" {
		return darkTheme
	}
	return lightTheme
}

// CandleColors are the fill colours of up and down candle bodies as they
// appear in the SVG, for tests that count candles.
func CandleColors() (up, down string) { return upColor.String(), downColor.String() }
