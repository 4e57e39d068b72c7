package charts

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
)

// priceLabels returns the y-axis labels (texts in the locale's money format)
// and the x-axis date labels with their x positions.
func axisLabels(t *testing.T, svg []byte, money *regexp.Regexp) (prices []string, dateX []int) {
	t.Helper()
	date := regexp.MustCompile(`^\d\d/\d\d/\d\d$`)
	for _, e := range parse(t, svg) {
		if e.name != "text" {
			continue
		}
		switch {
		case money.MatchString(e.text):
			prices = append(prices, e.text)
		case date.MatchString(e.text):
			x, err := strconv.Atoi(e.attrs["x"])
			if err != nil {
				t.Fatalf("date label %q at x=%q", e.text, e.attrs["x"])
			}
			dateX = append(dateX, x)
		}
	}
	return prices, dateX
}

func TestCandlesAxisInLocale(t *testing.T) {
	bars := history(t, 365)
	for _, c := range []struct {
		l          *i18n.Locale
		money, bad string
	}{
		{i18n.PtBR, `^R\$ \d+,\d\d$`, `\d\.\d\d$`},
		{i18n.En, `^R\$\d+\.\d\d$`, `\d,\d\d$`},
	} {
		svg, err := Candles(bars, CandleOptions{Locale: c.l})
		if err != nil {
			t.Fatal(err)
		}
		prices, _ := axisLabels(t, svg, regexp.MustCompile(c.money))
		if len(prices) < 3 {
			t.Errorf("%s: price labels %q, want at least 3 like %s", c.l.Code, prices, c.money)
		}
		for _, s := range texts(parse(t, svg)) {
			if regexp.MustCompile(c.bad).MatchString(s) {
				t.Errorf("%s: label %q has the other language's decimal separator", c.l.Code, s)
			}
		}
	}
}

// The price axis reaches below the data to leave room for the volume band;
// labels down there read as volumes, so none is below the lowest low.
func TestCandlesNoPriceLabelInVolumeBand(t *testing.T) {
	bars := history(t, 365)
	low := bars[0].Low
	for _, b := range bars {
		if b.Low.LessThan(low) {
			low = b.Low
		}
	}
	svg, err := Candles(bars, CandleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	prices, _ := axisLabels(t, svg, regexp.MustCompile(`^R\$ \d+,\d\d$`))
	for _, p := range prices {
		if v := dec(strings.Replace(strings.TrimPrefix(p, "R$ "), ",", ".", 1)); v.LessThan(low) {
			t.Errorf("price label %s is below the lowest low %s, in the volume band", p, low)
		}
	}
}

// Date labels keep apart, the last one included (the library pinned it to
// the right edge, over its neighbour).
func TestCandlesDateLabelsApart(t *testing.T) {
	for _, days := range []int{30, 90, 180, 365, 5 * 365} {
		bars := history(t, days)
		if len(bars) > 290 {
			bars = Aggregate(bars, Weekly)
		}
		svg, err := Candles(bars, CandleOptions{})
		if err != nil {
			t.Fatal(err)
		}
		_, xs := axisLabels(t, svg, regexp.MustCompile(`^$`))
		if len(xs) < 3 {
			t.Errorf("%d days: %d date labels", days, len(xs))
		}
		for i := 1; i < len(xs); i++ {
			if xs[i]-xs[i-1] < 90 {
				t.Errorf("%d days: date labels at x=%d and x=%d overlap (%v)", days, xs[i-1], xs[i], xs)
			}
		}
		if last := xs[len(xs)-1]; last > 900-80 {
			t.Errorf("%d days: last date label at x=%d is clipped", days, last)
		}
	}
}

// Every candle carries a <title> with its values in the locale's formats.
func TestCandlesTitles(t *testing.T) {
	bars := []quotes.Bar{
		bar("2025-02-03", "29.45", "30.10", "29.00", "29.90", 1234567),
		bar("2025-02-04", "29.90", "30.00", "28.50", "28.75", 7654321),
		bar("2025-02-05", "28.75", "28.75", "28.75", "28.75", 1000),
	}
	want := map[*i18n.Locale][]string{
		i18n.PtBR: {
			"03/02/2025 · Abertura R$ 29,45 · Máxima R$ 30,10 · Mínima R$ 29,00 · Fechamento R$ 29,90 · Volume 1.234.567",
			"04/02/2025 · Abertura R$ 29,90 · Máxima R$ 30,00 · Mínima R$ 28,50 · Fechamento R$ 28,75 · Volume 7.654.321",
			"05/02/2025 · Abertura R$ 28,75 · Máxima R$ 28,75 · Mínima R$ 28,75 · Fechamento R$ 28,75 · Volume 1.000",
		},
		i18n.En: {
			"Feb 3, 2025 · Open R$29.45 · High R$30.10 · Low R$29.00 · Close R$29.90 · Volume 1,234,567",
			"Feb 4, 2025 · Open R$29.90 · High R$30.00 · Low R$28.50 · Close R$28.75 · Volume 7,654,321",
			"Feb 5, 2025 · Open R$28.75 · High R$28.75 · Low R$28.75 · Close R$28.75 · Volume 1,000",
		},
	}
	for l, w := range want {
		svg, err := Candles(bars, CandleOptions{Locale: l})
		if err != nil {
			t.Fatal(err)
		}
		els := parse(t, svg)
		var titles []string
		for _, e := range els {
			if e.name == "title" {
				titles = append(titles, e.text)
			}
		}
		if strings.Join(titles, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s titles:\n%s\nwant:\n%s", l.Code, strings.Join(titles, "\n"), strings.Join(w, "\n"))
		}
		if n := candleBodies(els); n != len(bars) {
			t.Errorf("%s: %d candle bodies", l.Code, n)
		}
	}
}

// With ~180 candles the library draws volume bars zero pixels wide; each
// must still show.
func TestCandlesVolumeVisible(t *testing.T) {
	bars := Aggregate(history(t, 15*365), Monthly)
	svg, err := Candles(bars, CandleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	vol := lightTheme.candles.GetSeriesColor(1).String()
	num := regexp.MustCompile(`[ML] (\d+) `)
	n := 0
	for _, e := range parse(t, svg) {
		if e.name != "path" || e.attrs["fill"] != vol {
			continue
		}
		n++
		lo, hi := 1<<30, -1
		for _, m := range num.FindAllStringSubmatch(e.attrs["d"], -1) {
			x, _ := strconv.Atoi(m[1])
			lo, hi = min(lo, x), max(hi, x)
		}
		if w, _ := strconv.ParseFloat(e.attrs["stroke-width"], 64); hi <= lo && (w < 1 || e.attrs["stroke"] != vol) {
			t.Fatalf("volume bar %d has no width: %v", n, e.attrs)
		}
	}
	if n < len(bars) {
		t.Errorf("%d volume shapes for %d candles", n, len(bars))
	}
}
