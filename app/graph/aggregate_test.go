package graph_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/charts"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// A Wednesday evening, so the test never depends on the day it runs.
var fixedNow = time.Date(2025, 6, 18, 18, 0, 0, 0, quotes.BRT)

// fixedServer serves a sim whose history ends at fixedNow, and returns the
// daily bars the chart is drawn from, for the test to count on its own.
func fixedServer(t *testing.T, store *db.Store, user string) (*apptest.Client, []quotes.Bar) {
	t.Helper()
	clock := func() time.Time { return fixedNow }
	p, err := quotes.New("sim", quotes.Options{Seed: 1, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	srv := apptest.New(t, store, nil, server.WithProvider(p))
	c := apptest.NewClient(t, srv)
	c.Register(user)
	// After signing up: a session cookie dated in the past would be dropped.
	srv.Env.Now = clock
	// What the app keeps (the provider's history, as far back as the service fetches).
	all, err := srv.Quotes.History(context.Background(), "PETR4", time.Time{}, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	return c, all
}

// titles returns the text of every <title> in the SVG, failing on invalid XML.
func titles(t *testing.T, svg string) []string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var out []string
	in := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("chart is not valid XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local == "title"
			if in {
				out = append(out, "")
			}
		case xml.CharData:
			if in {
				out[len(out)-1] += string(tok)
			}
		case xml.EndElement:
			in = false
		}
	}
}

// Long ranges are drawn one candle per month, short ones one per day; each
// candle's <title> holds the values of its month computed independently.
func TestGraphLongRangesMonthly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		c, all := fixedServer(t, store, "iris")
		for _, rg := range []struct {
			key  string
			from time.Time
		}{
			{"5y", time.Date(2020, 6, 1, 0, 0, 0, 0, quotes.BRT)},
			{"max", time.Time{}},
		} {
			// Daily bars of the range grouped by month, by hand.
			type month struct {
				open, high, low, close decimal.Decimal
				vol                    int64
				start                  time.Time
			}
			var months []month
			for _, b := range all {
				if b.Day.Before(rg.from) {
					continue
				}
				start := time.Date(b.Day.Year(), b.Day.Month(), 1, 0, 0, 0, 0, b.Day.Location())
				if n := len(months); n > 0 && months[n-1].start.Equal(start) {
					m := &months[n-1]
					m.high, m.low = decimal.Max(m.high, b.High), decimal.Min(m.low, b.Low)
					m.close, m.vol = b.Close, m.vol+b.Volume
					continue
				}
				months = append(months, month{b.Open, b.High, b.Low, b.Close, b.Volume, start})
			}
			svg := c.Get("/graph.svg?ticker=PETR4&range=" + rg.key)
			if svg.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", rg.key, svg.StatusCode)
			}
			if got := candles(t, svg.Body); got != len(months) || got > 260 {
				t.Errorf("%s: %d candles, want one per month: %d", rg.key, got, len(months))
			}
			ts := titles(t, svg.Body)
			if len(ts) != len(months) {
				t.Fatalf("%s: %d candle titles for %d months", rg.key, len(ts), len(months))
			}
			l := i18n.PtBR
			for _, i := range []int{0, len(months) / 2, len(months) - 1} {
				m := months[i]
				want := l.Date(m.start) + " · Abertura " + l.Money(m.open) + " · Máxima " + l.Money(m.high) +
					" · Mínima " + l.Money(m.low) + " · Fechamento " + l.Money(m.close) + " · Volume " + l.Int(m.vol)
				if ts[i] != want {
					t.Errorf("%s candle %d: title %q, want %q", rg.key, i, ts[i], want)
				}
			}
			if len(svg.Body) > 400_000 {
				t.Errorf("%s: %d bytes", rg.key, len(svg.Body))
			}
		}
		// One year: one candle per ISO week.
		weeks := map[[2]int]bool{}
		for _, b := range all {
			if !b.Day.Before(charts.Weekly.Start(fixedNow.AddDate(-1, 0, 0))) {
				y, w := b.Day.ISOWeek()
				weeks[[2]int{y, w}] = true
			}
		}
		if got := candles(t, c.Get("/graph.svg?ticker=PETR4&range=1y").Body); got != len(weeks) {
			t.Errorf("1y: %d candles, want one per week: %d", got, len(weeks))
		}
		// The page's table of latest days stays daily.
		page := c.Get("/graph?ticker=PETR4&range=max")
		if got := strings.Count(page.Body, `<tr><th scope="row" class="text">`); got != 10 {
			t.Errorf("latest days table has %d rows, want 10", got)
		}
		if last := all[len(all)-1]; !strings.Contains(page.Body, i18n.PtBR.Date(last.Day)) {
			t.Errorf("latest days table lacks the last day %s", i18n.PtBR.Date(last.Day))
		}
		// The text alternative and the chart's title say what a candle spans.
		if !strings.Contains(page.Body, `alt="Gráfico de candles mensais de PETR4 em máximo, com volume e médias móveis de 20 e 50 meses."`) {
			t.Error("max page's chart alt does not say the candles and averages are monthly")
		}
		if svg := c.Get("/graph.svg?ticker=PETR4&range=max").Body; !strings.Contains(svg, "· candles mensais</text>") {
			t.Error("max chart's title does not say the candles are monthly")
		}
		if page := c.Get("/graph?ticker=PETR4&range=6m"); !strings.Contains(page.Body, "médias móveis de 20 e 50 dias") {
			t.Error("6m page's chart alt lost its daily averages")
		}
	})
}

// The axis and titles follow the page's language, and so does the ETag.
func TestGraphSVGLocale(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		c, _ := fixedServer(t, store, "joana")
		pt := c.Get("/graph.svg?ticker=PETR4&range=6m&lang=pt-BR")
		en := c.Get("/graph.svg?ticker=PETR4&range=6m&lang=en")
		if pt.StatusCode != http.StatusOK || en.StatusCode != http.StatusOK {
			t.Fatalf("svg: %d, %d", pt.StatusCode, en.StatusCode)
		}
		if pt.Header.Get("ETag") == en.Header.Get("ETag") {
			t.Error("pt-BR and en charts share an ETag")
		}
		for _, c := range []struct {
			name, body, axis, title string
		}{
			{"pt-BR", pt.Body, `>R\$ \d+,\d\d</text>`, `^\d\d/\d\d/\d{4} · Abertura R\$ \d+,\d\d · Máxima R\$ \d+,\d\d · Mínima R\$ \d+,\d\d · Fechamento R\$ \d+,\d\d · Volume \d{1,3}(\.\d{3})*$`},
			{"en", en.Body, `>R\$\d+\.\d\d</text>`, `^[A-Z][a-z]{2} \d{1,2}, \d{4} · Open R\$\d+\.\d\d · High R\$\d+\.\d\d · Low R\$\d+\.\d\d · Close R\$\d+\.\d\d · Volume \d{1,3}(,\d{3})*$`},
		} {
			if n := len(regexp.MustCompile(c.axis).FindAllString(c.body, -1)); n < 3 {
				t.Errorf("%s: %d price axis labels like %s", c.name, n, c.axis)
			}
			ts := titles(t, c.body)
			if n := candles(t, c.body); len(ts) != n || n < 100 {
				t.Errorf("%s: %d titles for %d candles", c.name, len(ts), n)
			}
			re := regexp.MustCompile(c.title)
			for _, s := range ts {
				if !re.MatchString(s) {
					t.Errorf("%s: candle title %q", c.name, s)
					break
				}
			}
		}
	})
}
