package graph_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/charts"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// candles counts the candle bodies: shapes filled or stroked in the up/down
// colours, less the legend's two triangles.
func candles(t *testing.T, svg string) int {
	t.Helper()
	up, down := charts.CandleColors()
	d := xml.NewDecoder(strings.NewReader(svg))
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("chart is not valid XML: %v", err)
		}
		if el, ok := tok.(xml.StartElement); ok && el.Name.Local == "path" {
			for _, a := range el.Attr {
				if (a.Name.Local == "fill" || a.Name.Local == "stroke") && (a.Value == up || a.Value == down) {
					n++
					break
				}
			}
		}
	}
	return n - 2
}

func TestGraphOneCandlePerTradingDay(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "en")
		c.Register("gabi")
		for _, rg := range []string{"1m", "3m", "6m"} {
			page := c.Get("/graph?ticker=petr4&range=" + rg)
			if page.StatusCode != http.StatusOK {
				t.Fatalf("%s page: %d", rg, page.StatusCode)
			}
			days := between(page.Body, "· ", " trading days")
			svg := c.Get("/graph.svg?ticker=PETR4&range=" + rg)
			if svg.StatusCode != http.StatusOK || svg.Header.Get("Content-Type") != "image/svg+xml" {
				t.Fatalf("%s svg: %d %s", rg, svg.StatusCode, svg.Header.Get("Content-Type"))
			}
			if got := candles(t, svg.Body); itoa(got) != days || got < 15 {
				t.Errorf("%s: %d candles, page says %s trading days", rg, got, days)
			}
		}
		page := c.Get("/graph?ticker=PETR4")
		for _, want := range []string{"PETR4 over 1 year", "Last close", "<caption>Latest trading days</caption>", `aria-current="page">1 year</a>`, `alt="Candlestick chart of PETR4`} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("graph page lacks %q", want)
			}
		}
		if got := strings.Count(page.Body, `<tr><th scope="row" class="text">`); got != 10 {
			t.Errorf("recent days table has %d rows, want 10", got)
		}
		for _, bad := range []string{"/graph?ticker=NOPE3", "/graph?ticker=%3Cscript%3E", "/graph?ticker=PETR4&range=2w", "/graph.svg?ticker=NOPE3"} {
			if r := c.Get(bad); r.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", bad, r.StatusCode)
			}
		}
	})
}

func TestGraphSVGRevalidates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		srv := apptest.New(t, store, nil)
		c := apptest.NewClient(t, srv)
		c.Register("hana")
		first := c.Get("/graph.svg?ticker=VALE3&range=3m")
		etag := first.Header.Get("ETag")
		if first.StatusCode != http.StatusOK || etag == "" || len(first.Body) < 1000 {
			t.Fatalf("svg: %d, ETag %q, %d bytes", first.StatusCode, etag, len(first.Body))
		}
		req, _ := http.NewRequest(http.MethodGet, "http://stonks.test/graph.svg?ticker=VALE3&range=3m", nil)
		req.Header.Set("If-None-Match", etag)
		again := c.Do(req)
		if again.StatusCode != http.StatusNotModified || again.Body != "" {
			t.Fatalf("revalidation: %d with %d bytes, want 304 and no body", again.StatusCode, len(again.Body))
		}
		if other := c.Get("/graph.svg?ticker=VALE3&range=6m"); other.Header.Get("ETag") == etag {
			t.Fatal("another range has the same ETag")
		}
		if dark := c.Get("/graph.svg?ticker=VALE3&range=3m&theme=dark"); dark.Header.Get("ETag") == etag || dark.Body == first.Body {
			t.Fatal("the dark chart is the light one")
		}
	})
}

func between(s, a, b string) string {
	j := strings.Index(s, b)
	if j < 0 {
		return ""
	}
	i := strings.LastIndex(s[:j], a)
	return s[i+len(a) : j]
}

func itoa(n int) string { return strconv.Itoa(n) }

// historyReads counts the queries that read stored price history.
type historyReads struct{ n atomic.Int64 }

func (h *historyReads) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	if strings.Contains(e.Query, "price_history") && strings.HasPrefix(strings.TrimSpace(e.Query), "SELECT") {
		h.n.Add(1)
	}
	return ctx
}
func (h *historyReads) AfterQuery(context.Context, *bun.QueryEvent) {}

// A chart already drawn is served again without loading the bars, and
// still changes as soon as a new history is stored.
func TestGraphSVGCachedSkipsHistory(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		reads := &historyReads{}
		store.DB = store.DB.WithQueryHook(reads)
		srv := apptest.New(t, store, nil)
		// Midday: the history fetched by the first request is today's.
		now := time.Date(2031, 5, 6, 12, 0, 0, 0, quotes.BRT)
		srv.Env.Now = func() time.Time { return now }
		c := apptest.NewClient(t, srv)
		c.Register("iris")
		first := c.Get("/graph.svg?ticker=VALE3&range=1y")
		if first.StatusCode != http.StatusOK {
			t.Fatalf("svg: %d", first.StatusCode)
		}
		// The first request fetched the history, so its key named data
		// about to change: the second is the one remembered.
		c.Get("/graph.svg?ticker=VALE3&range=1y")
		before := reads.n.Load()
		again := c.Get("/graph.svg?ticker=VALE3&range=1y")
		if again.StatusCode != http.StatusOK || again.Body != first.Body || again.Header.Get("ETag") != first.Header.Get("ETag") {
			t.Fatalf("second request: %d, ETag %q (was %q)", again.StatusCode, again.Header.Get("ETag"), first.Header.Get("ETag"))
		}
		if n := reads.n.Load() - before; n != 0 {
			t.Fatalf("the cached chart read the price history %d times", n)
		}

		// A new fetch (here: the last close changes) draws a new chart.
		ctx := context.Background()
		bars, err := store.History(ctx, "VALE3", time.Time{}, now.AddDate(0, 0, 1))
		if err != nil || len(bars) == 0 {
			t.Fatalf("history: %d bars, %v", len(bars), err)
		}
		last := bars[len(bars)-1]
		last.Close = last.Close.Add(decimal.NewFromInt(1))
		if err := store.SaveHistory(ctx, "VALE3", []db.Bar{last}, now.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		if next := c.Get("/graph.svg?ticker=VALE3&range=1y"); next.Header.Get("ETag") == first.Header.Get("ETag") {
			t.Fatal("a new history kept the old chart")
		}
	})
}
