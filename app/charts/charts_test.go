package charts

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// element is one start tag of the SVG with its attributes.
type element struct {
	name  string
	attrs map[string]string
	text  string // character data directly inside, for <text>
}

// parse decodes the whole document with encoding/xml, failing the test on
// any error, and returns every element in document order.
func parse(t *testing.T, svg []byte) []element {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	var els []element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("invalid XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			els = append(els, e)
		case xml.CharData:
			if len(els) > 0 {
				els[len(els)-1].text += string(tok)
			}
		}
	}
	if len(els) == 0 || els[0].name != "svg" {
		t.Fatal("root element is not <svg>")
	}
	root := els[0].attrs
	if root["viewBox"] == "" || root["width"] == "" || root["height"] == "" {
		t.Fatalf("root lacks viewBox/width/height: %v", root)
	}
	for _, e := range els {
		if e.name == "script" || e.name == "style" || e.name == "foreignObject" {
			t.Fatalf("unexpected <%s>", e.name)
		}
		if _, ok := e.attrs["style"]; ok {
			t.Fatalf("style attribute left on <%s>", e.name)
		}
	}
	return els
}

// legendCandle is the legend's candle symbol: one up and one down triangle.
const legendCandle = 2

// candleBodies counts shapes in the up/down colours. Wicks use a neutral
// colour, so each candle contributes exactly one: a filled body, or a
// stroked line when open and close land on the same pixel.
func candleBodies(els []element) int {
	up, down := upColor.String(), downColor.String()
	n := 0
	for _, e := range els {
		if e.name != "path" {
			continue
		}
		f, s := e.attrs["fill"], e.attrs["stroke"]
		if f == up || f == down || s == up || s == down {
			n++
		}
	}
	return n - legendCandle
}

func texts(els []element) []string {
	var out []string
	for _, e := range els {
		if e.name == "text" {
			out = append(out, e.text)
		}
	}
	return out
}

func TestCandlesOneBodyPerDrawnBar(t *testing.T) {
	all := history(t, 400) // 287 trading days: still wide enough for grey wicks
	for _, c := range []struct{ bars, lead int }{
		{60, 0}, {61, 0}, {120, 0}, {120, 49}, {len(all), 49}, {len(all), 0},
	} {
		svg, err := Candles(all[len(all)-c.bars:], CandleOptions{Lead: c.lead})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := candleBodies(parse(t, svg)), c.bars-c.lead; got != want {
			t.Errorf("%d bars, lead %d: %d candle bodies, want %d", c.bars, c.lead, got, want)
		}
	}
}

func TestCandlesLeadNotDrawn(t *testing.T) {
	bars := history(t, 200)
	const lead = 49
	svg, err := Candles(bars, CandleOptions{Lead: lead})
	if err != nil {
		t.Fatal(err)
	}
	// The first x-axis label is the first drawn day, not the first bar given.
	labels := texts(parse(t, svg))
	first, lead0 := bars[lead].Day.Format("02/01/06"), bars[0].Day.Format("02/01/06")
	if !strings.Contains(strings.Join(labels, "|"), first) {
		t.Errorf("first drawn day %s not labelled; labels %q", first, labels)
	}
	for _, l := range labels {
		if l == lead0 {
			t.Errorf("warm-up day %s is on the axis", lead0)
		}
	}
	for _, lead := range []int{-1, len(bars)} {
		if _, err := Candles(bars, CandleOptions{Lead: lead}); err == nil {
			t.Errorf("lead %d of %d bars: no error", lead, len(bars))
		}
	}
	if _, err := Candles(nil, CandleOptions{}); err == nil {
		t.Error("no bars: no error")
	}
}

func TestCandlesLabelsReadable(t *testing.T) {
	bars := history(t, 5*365+80)
	svg, err := Candles(bars, CandleOptions{Lead: 49})
	if err != nil {
		t.Fatal(err)
	}
	date := regexp.MustCompile(`^\d\d/\d\d/\d\d$`)
	n := 0
	for _, s := range texts(parse(t, svg)) {
		if date.MatchString(s) {
			n++
		}
	}
	if n < 3 || n > 15 {
		t.Errorf("%d date labels for %d bars, want 3..15", n, len(bars)-49)
	}
}

func TestCandlesEscapesTitle(t *testing.T) {
	title := `PETR4 <script>alert(1)</script>&"`
	svg, err := Candles(history(t, 60), CandleOptions{Title: title})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(svg, []byte("<script")) {
		t.Fatal("raw <script in output")
	}
	found := false
	for _, s := range texts(parse(t, svg)) {
		found = found || s == title
	}
	if !found {
		t.Errorf("title %q not found as text", title)
	}
}

func TestDarkThemeBackground(t *testing.T) {
	bg := func(theme string) string {
		svg, err := Candles(history(t, 60), CandleOptions{Theme: theme})
		if err != nil {
			t.Fatal(err)
		}
		return parse(t, svg)[1].attrs["fill"] // first shape: the full-canvas background
	}
	light, dark := bg("light"), bg("dark")
	if light != "white" || dark != darkTheme.candles.GetBackgroundColor().String() {
		t.Errorf("backgrounds light %q dark %q", light, dark)
	}
	if bg("") != light {
		t.Error("default theme is not light")
	}
}

func TestMovingAverage(t *testing.T) {
	closes := []decimal.Decimal{dec("10.10"), dec("10.20"), dec("10.40"), dec("10.00"), dec("9.90")}
	got := MovingAverage(closes, 3)
	want := []string{"0", "0", "10.23333333", "10.2", "10.1"}
	if len(got) != len(want) {
		t.Fatalf("len %d", len(got))
	}
	for i, w := range want {
		if !got[i].Equal(dec(w)) {
			t.Errorf("ma3[%d] = %s, want %s", i, got[i], w)
		}
	}
	if ma := MovingAverage(closes, 1); !ma[4].Equal(dec("9.90")) {
		t.Errorf("ma1 = %s", ma[4])
	}
	for _, v := range MovingAverage(closes, 6) {
		if !v.IsZero() {
			t.Errorf("window longer than data: %s", v)
		}
	}
	if MovingAverage(closes, 0) != nil {
		t.Error("n=0 not nil")
	}
}

// The running sum must match a direct mean over real bars.
func TestMovingAverageMatchesDirectMean(t *testing.T) {
	bars := history(t, 200)
	closes := make([]decimal.Decimal, len(bars))
	for i, b := range bars {
		closes[i] = b.Close
	}
	ma := MovingAverage(closes, 20)
	for _, i := range []int{19, 20, 77, len(closes) - 1} {
		sum := decimal.Zero
		for _, c := range closes[i-19 : i+1] {
			sum = sum.Add(c)
		}
		if want := sum.DivRound(decimal.NewFromInt(20), 8); !ma[i].Equal(want) {
			t.Errorf("ma20[%d] = %s, want %s", i, ma[i], want)
		}
	}
}

func pieTexts(t *testing.T, s []Slice, o PieOptions) []string {
	t.Helper()
	svg, err := Pie(s, o)
	if err != nil {
		t.Fatal(err)
	}
	return texts(parse(t, svg))
}

func TestPieLabels(t *testing.T) {
	got := pieTexts(t, []Slice{
		{"IBOV", dec("750.50")}, {"IFIX", dec("250.25")}, {"CASH", decimal.Zero},
	}, PieOptions{Title: "Mercado <&>"})
	joined := strings.Join(got, "|")
	for _, w := range []string{"Mercado <&>", "IBOV 75.0%", "IFIX 25.0%"} {
		if !strings.Contains(joined, w) {
			t.Errorf("missing %q in %q", w, got)
		}
	}
	if strings.Contains(joined, "CASH") {
		t.Errorf("zero slice drawn: %q", got)
	}
}

func TestPieOneSlice(t *testing.T) {
	got := pieTexts(t, []Slice{{"PETR4", dec("1")}}, PieOptions{})
	if !strings.Contains(strings.Join(got, "|"), "PETR4 100.0%") {
		t.Errorf("labels %q", got)
	}
}

func TestPieAllZero(t *testing.T) {
	for _, s := range [][]Slice{nil, {{"A", decimal.Zero}, {"B", decimal.Zero}}} {
		got := pieTexts(t, s, PieOptions{Title: "Carteira", Empty: "Nada a mostrar"})
		if !strings.Contains(strings.Join(got, "|"), "Nada a mostrar") {
			t.Errorf("%d slices: labels %q", len(s), got)
		}
	}
}

func TestPieManySlices(t *testing.T) {
	got := pieTexts(t, manySlices(24), PieOptions{Percent: func(d decimal.Decimal) string {
		return strings.Replace(d.StringFixed(1), ".", ",", 1) + "%"
	}})
	var labels []string
	sum := decimal.Zero
	for _, s := range got {
		if name, pct, ok := strings.Cut(s, " "); ok && strings.HasSuffix(pct, "%") {
			labels = append(labels, name)
			sum = sum.Add(dec(strings.Replace(strings.TrimSuffix(pct, "%"), ",", ".", 1)))
		}
	}
	slices.Sort(labels)
	if len(labels) != 12 || labels[0] != "ATV00" || labels[10] != "ATV10" || labels[11] != "Others" {
		t.Errorf("labels %q", labels)
	}
	if sum.Sub(hundred).Abs().GreaterThan(dec("0.6")) {
		t.Errorf("shares add up to %s", sum)
	}
}

func TestPieNegative(t *testing.T) {
	_, err := Pie([]Slice{{"A", dec("1")}, {"B", dec("-1")}}, PieOptions{})
	if !errors.Is(err, ErrNegative) {
		t.Errorf("err = %v", err)
	}
}

func BenchmarkCandles1y(b *testing.B) { benchCandles(b, 365) }
func BenchmarkCandles5y(b *testing.B) { benchCandles(b, 5*365) }

func benchCandles(b *testing.B, days int) {
	bars := history(b, days+80) // + MA50 warm-up
	lead := len(bars) - len(history(b, days))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Candles(bars, CandleOptions{Title: "PETR4", Lead: lead}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(bars)-lead), "candles") // after the loop: b.Loop resets metrics
}
