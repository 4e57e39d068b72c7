package returns_test

import (
	"bytes"
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
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// knownCloses is a provider with the test's daily closes and index points.
type knownCloses struct {
	closes map[string]map[string]string // ticker → YYYY-MM-DD → close
	index  map[string]string
}

func (p *knownCloses) Name() string { return "known" }
func (p *knownCloses) Quotes(ctx context.Context, tickers []string) (map[string]quotes.Quote, error) {
	return map[string]quotes.Quote{}, nil
}

func bars(days map[string]string, from, to time.Time) []quotes.Bar {
	var out []quotes.Bar
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if s, ok := days[d.Format(time.DateOnly)]; ok {
			c := decimal.RequireFromString(s)
			out = append(out, quotes.Bar{Day: d, Open: c, High: c, Low: c, Close: c})
		}
	}
	return out
}

func day0(t time.Time) time.Time {
	y, m, d := t.In(quotes.BRT).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, quotes.BRT)
}

func (p *knownCloses) History(ctx context.Context, ticker string, from, to time.Time) ([]quotes.Bar, error) {
	return bars(p.closes[ticker], day0(from), day0(to)), nil
}
func (p *knownCloses) IndexHistory(ctx context.Context, from, to time.Time) ([]quotes.Bar, error) {
	return bars(p.index, day0(from), day0(to)), nil
}

// rows reads the cells of the chart's table of latest points, newest first.
func rows(t *testing.T, page string) [][]string {
	t.Helper()
	i := strings.Index(page, `id="value-points"`)
	if i < 0 {
		t.Fatalf("no table of points in:\n%s", page)
	}
	table := page[i : i+strings.Index(page[i:], "</table>")]
	cell := regexp.MustCompile(`<t[hd][^>]*>([^<]*)</t[hd]>`)
	var out [][]string
	for _, tr := range strings.Split(table, "<tr>")[2:] {
		var r []string
		for _, m := range cell.FindAllStringSubmatch(tr, -1) {
			r = append(r, m[1])
		}
		out = append(out, r)
	}
	return out
}

// The wallet's value is the shares held each day times that day's close (a
// day without a bar carries the last one), rebased to 100 on the first day
// held, against the index rebased the same day; each user sees only their
// own operations; a revalidation is a 304.
func TestWalletAgainstIBOVChart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		p := &knownCloses{
			closes: map[string]map[string]string{
				"PETR4": {"2026-05-29": "9", "2026-06-01": "10", "2026-06-02": "11", "2026-06-04": "12", "2026-06-05": "12",
					"2026-06-08": "13", "2026-06-09": "12", "2026-06-10": "14"},
				"VALE3": {"2026-06-03": "50", "2026-06-04": "55", "2026-06-05": "50", "2026-06-08": "60", "2026-06-10": "50"},
			},
			index: map[string]string{"2026-05-29": "100000", "2026-06-01": "120000", "2026-06-02": "121200", "2026-06-03": "118800",
				"2026-06-04": "120000", "2026-06-05": "126000", "2026-06-08": "120600", "2026-06-09": "114000", "2026-06-10": "132000"},
		}
		srv := apptest.New(t, store, nil, server.WithProvider(p))
		ana, _ := user(t, srv, "ana", "en")
		bob, _ := user(t, srv, "bob", "en")
		carl, _ := user(t, srv, "carl", "en")
		srv.Env.Now = func() time.Time { return now } // 10/06/2026
		post := func(c *apptest.Client, tipo, ativo, data, qty, price string) {
			t.Helper()
			if r := c.Post("/create-operacao/", operation(tipo, ativo, data, qty, price, "0")); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s %s: %d %v", tipo, ativo, r.StatusCode, apptest.FieldErrors(r.Body))
			}
		}
		post(ana, "C", "PETR4", "2026-06-01", "100", "10")
		post(ana, "C", "VALE3", "2026-06-03", "10", "50")
		post(ana, "V", "PETR4", "2026-06-05", "50", "12")
		post(bob, "C", "VALE3", "2026-06-08", "1", "58")

		// Worked out by hand: value = Σ shares × close; rebased = value / 1.000 × 100
		// for ana, the index over 120.000 (both from 01/06).
		want := [][]string{ // newest first: day, value, wallet, IBOV
			{"Jun 10, 2026", "R$1,200.00", "120.00", "110.00"}, // 50×14 + 10×50
			{"Jun 9, 2026", "R$1,200.00", "120.00", "95.00"},   // 50×12 + 10×60 (VALE3 carried)
			{"Jun 8, 2026", "R$1,250.00", "125.00", "100.50"},  // 50×13 + 10×60
			{"Jun 5, 2026", "R$1,100.00", "110.00", "105.00"},  // sold 50: 50×12 + 10×50
			{"Jun 4, 2026", "R$1,750.00", "175.00", "100.00"},  // 100×12 + 10×55
			{"Jun 3, 2026", "R$1,600.00", "160.00", "99.00"},   // 100×11 (carried) + 10×50
			{"Jun 2, 2026", "R$1,100.00", "110.00", "101.00"},  // 100×11
			{"Jun 1, 2026", "R$1,000.00", "100.00", "100.00"},  // 100×10
		}
		got := rows(t, ana.Get("/operacoes?range=1m").Body)
		if strings.Join(flat(got), "|") != strings.Join(flat(want), "|") {
			t.Fatalf("ana's points:\n got %q\nwant %q", got, want)
		}
		// Bob: 1 VALE3 from 08/06 (60, 60 carried, 50); the index from 120.600.
		// 50/60 = 83,3333…; 114.000/120.600 = 94,5273…; 132.000/120.600 = 109,4527….
		want = [][]string{
			{"Jun 10, 2026", "R$50.00", "83.33", "109.45"},
			{"Jun 9, 2026", "R$60.00", "100.00", "94.53"},
			{"Jun 8, 2026", "R$60.00", "100.00", "100.00"},
		}
		if got := rows(t, bob.Get("/operacoes").Body); strings.Join(flat(got), "|") != strings.Join(flat(want), "|") {
			t.Fatalf("bob's points:\n got %q\nwant %q", got, want)
		}

		// A range link swaps the chart's section alone.
		ana.Header.Set("HX-Request", "true")
		frag := ana.Get("/operacoes?range=3m&fragment=chart").Body
		ana.Header.Del("HX-Request")
		if strings.Contains(frag, "<html") || !strings.Contains(frag, `<section id="value-chart"`) ||
			!strings.Contains(frag, `src="/operacoes/chart.svg?range=3m&amp;theme=light&amp;lang=en"`) || len(rows(t, frag)) != 8 {
			t.Errorf("chart fragment:\n%s", frag)
		}

		// The index is cached like a ticker's history, under its own key.
		if at, err := store.HistoryFetchedAt(context.Background(), quotes.IndexKey); err != nil || at.IsZero() {
			t.Errorf("index history not cached under %s: %v", quotes.IndexKey, err)
		}

		// The SVG: well-formed XML with a title and description; 304 on
		// revalidation; someone without operations has no chart.
		r := ana.Get("/operacoes/chart.svg?range=1m")
		if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "image/svg+xml" || r.Header.Get("ETag") == "" {
			t.Fatalf("svg: %d %q %q", r.StatusCode, r.Header.Get("Content-Type"), r.Header.Get("ETag"))
		}
		title, desc := svgText(t, r.Body)
		if title != "Wallet against IBOV · 1 month" || !strings.Contains(desc, "On Jun 10, 2026: wallet 120.00 (R$1,200.00). IBOV 110.00.") {
			t.Errorf("title %q, desc %q", title, desc)
		}
		req, _ := http.NewRequest(http.MethodGet, "http://stonks.test/operacoes/chart.svg?range=1m", nil)
		req.Header.Set("If-None-Match", r.Header.Get("ETag"))
		if r2 := ana.Do(req); r2.StatusCode != http.StatusNotModified || r2.Body != "" {
			t.Fatalf("revalidation: %d, %d bytes", r2.StatusCode, len(r2.Body))
		}
		rb := bob.Get("/operacoes/chart.svg?range=1m")
		if rb.StatusCode != http.StatusOK || rb.Header.Get("ETag") == r.Header.Get("ETag") {
			t.Fatalf("bob's chart: %d, same ETag as ana's: %v", rb.StatusCode, rb.Header.Get("ETag") == r.Header.Get("ETag"))
		}
		if _, desc := svgText(t, rb.Body); !strings.Contains(desc, "wallet 83.33 (R$50.00)") {
			t.Errorf("bob's chart: %q", desc)
		}
		if r := carl.Get("/operacoes/chart.svg"); r.StatusCode != http.StatusNotFound {
			t.Errorf("no operations: %d", r.StatusCode)
		}
		if r := ana.Get("/operacoes/chart.svg?range=2w"); r.StatusCode != http.StatusNotFound {
			t.Errorf("unknown range: %d", r.StatusCode)
		}
		if r := apptest.NewClient(t, srv).Get("/operacoes/chart.svg"); r.StatusCode != http.StatusSeeOther && r.StatusCode != http.StatusFound {
			t.Errorf("anonymous: %d", r.StatusCode)
		}
	})
}

func flat(rs [][]string) []string {
	var out []string
	for _, r := range rs {
		out = append(out, strings.Join(r, ","))
	}
	return out
}

// svgText parses the whole SVG as XML and returns its <title> and <desc>.
func svgText(t *testing.T, svg string) (title, desc string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader([]byte(svg)))
	var in string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("the SVG is not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			in = tok.Name.Local
		case xml.CharData:
			if in == "title" && title == "" {
				title = string(tok)
			} else if in == "desc" && desc == "" {
				desc = string(tok)
			}
		case xml.EndElement:
			in = ""
		}
	}
}
