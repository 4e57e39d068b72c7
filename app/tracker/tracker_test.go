package tracker_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/data"
	"github.com/stonks-b3/stonks/db/dbtest"
)

func serve(t *testing.T, store *db.Store, interval time.Duration, f *apptest.FakeYahoo) (*server.Server, string) {
	cfg := apptest.Config(t)
	cfg.QuotesInterval = interval
	srv := apptest.New(t, store, &cfg, f.Provider(t))
	return srv, apptest.Listen(t, srv)
}

var sseConnect = regexp.MustCompile(`sse-connect="/sse\?stream=(quotes-[^"&]+)(?:&amp;stream=user-\d+)?"`)

func TestTrackerPageRowsArriveLive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		const interval = 400 * time.Millisecond
		srv, base := serve(t, store, interval, apptest.NewFakeYahoo(t))
		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "en")
		c.Register("tina")
		page := c.Get("/stocktracker?stockpicker=petr4,VALE3.SA")
		if page.StatusCode != http.StatusOK {
			t.Fatalf("tracker: %d", page.StatusCode)
		}
		for _, id := range []string{"PETR4_price", "PETR4_prevprice", "PETR4_open", "PETR4_change", "PETR4_range", "PETR4_cap", "PETR4_volume", "VALE3_price"} {
			if !strings.Contains(page.Body, `id="`+id+`"`) {
				t.Errorf("tracker page lacks cell %s", id)
			}
		}
		if !strings.Contains(page.Body, `<noscript><meta http-equiv="refresh" content="1"></noscript>`) {
			t.Error("without JavaScript the tracker would not refresh itself")
		}
		m := sseConnect.FindStringSubmatch(page.Body)
		if m == nil || m[1] != live.QuoteRoom("en", []string{"PETR4", "VALE3"}) || strings.Count(page.Body, "sse-connect=") != 1 {
			t.Fatalf("tracker page connects to %v", m)
		}
		if !regexp.MustCompile(`<tr id="PETR4_row" data-ts="\d{13}"`).MatchString(page.Body) || !strings.Contains(page.Body, `<tbody sse-swap="quotes" hx-swap="none">`) {
			t.Fatal("row lacks data-ts in Unix ms, or the table does not take the room's quote events")
		}

		stream := apptest.Subscribe(t, base, m[1])
		start := time.Now()
		// How fast is the benchmarks' business: a generous deadline, and the
		// time it took goes to the log.
		ev, ok := stream.Next(10 * time.Second)
		if !ok {
			t.Fatal("no row event within 10s")
		}
		rows := eventRows(ev.Data)
		if ev.Name != live.QuotesEvent || len(rows) == 0 || !strings.Contains(ev.Data, `data-ts="`) {
			t.Fatalf("event %q does not carry the room's rows:\n%s", ev.Name, ev.Data)
		}
		for _, r := range rows {
			if r != "PETR4" && r != "VALE3" {
				t.Fatalf("event carries row %s, not of the room", r)
			}
		}
		t.Logf("first row event after %s", time.Since(start))
	})
}

func TestOneUpstreamRequestPerTickAndStopWhenNobodyWatches(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		const interval = 250 * time.Millisecond
		f := apptest.NewFakeYahoo(t)
		srv, base := serve(t, store, interval, f)
		var tickers []string
		for _, a := range data.Assets()[:100] {
			tickers = append(tickers, a.Ticker)
		}
		room := live.QuoteRoom("pt-BR", tickers)
		if len(f.Log()) != 0 {
			t.Fatal("the provider was called while nobody watched")
		}
		start := time.Now()
		stream := apptest.Subscribe(t, base, room)
		got := map[string]int{}
		const wait = 30 * time.Second // generous: a loaded machine ticks late, never early
		deadline := time.Now().Add(wait)
		for len(got) < 100 || minCount(got) < 3 {
			ev, ok := stream.Next(time.Until(deadline))
			if !ok {
				t.Fatalf("after %s only %d tickers arrived (min %d events)", wait, len(got), minCount(got))
			}
			rows := eventRows(ev.Data)
			if ev.Name != live.QuotesEvent || len(rows) == 0 {
				t.Fatalf("event %q is not the room's rows", ev.Name)
			}
			for _, r := range rows {
				got[r]++
			}
		}
		reqs := f.Log()
		// One call per tick at most: no more calls than ticks could have run
		// since the room opened (a bound that a slow machine only loosens).
		if ticks := int(time.Since(start)/interval) + 1; len(reqs) > ticks {
			t.Errorf("%d provider calls in %d ticks: more than one per tick", len(reqs), ticks)
		}
		for i, r := range reqs {
			if r.Symbols != 100 {
				t.Errorf("request %d asked for %d symbols, want all 100 in one call", i, r.Symbols)
			}
		}

		stream.Close()
		apptest.Eventually(t, 10*time.Second, "the room to empty", func() bool { return srv.Hub.Subscribers(room) == 0 })
		before := len(f.Log())
		// Absence can only be shown over time: four ticks, of which only one
		// already running when the room emptied may still call.
		time.Sleep(4 * interval)
		if after := len(f.Log()); after > before+1 {
			t.Fatalf("provider called %d more times after the last viewer left", after-before)
		}
	})
}

var oobRow = regexp.MustCompile(`<tr id="(\w+)_row" data-ts="\d{13}" hx-swap-oob="true"`)

// eventRows lists the tickers whose rows a quote event replaces by id.
func eventRows(data string) []string {
	var ts []string
	for _, m := range oobRow.FindAllStringSubmatch(data, -1) {
		ts = append(ts, m[1])
	}
	return ts
}

func minCount(m map[string]int) int {
	least := -1
	for _, n := range m {
		if least < 0 || n < least {
			least = n
		}
	}
	return least
}

func TestTrackerHostileAndUnknownTickers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		srv := apptest.New(t, store, nil)
		c := apptest.NewClient(t, srv)
		c.Register("uma")
		r := c.Get("/stocktracker?stockpicker=%3Cscript%3Ealert(1)%3C/script%3E&stockpicker=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E&stockpicker=ABCD3,PETR4")
		if r.StatusCode != http.StatusOK {
			t.Fatalf("status %d", r.StatusCode)
		}
		for _, raw := range []string{"<script>alert(1)", "<img src=x", "onerror=alert(1)>"} {
			if strings.Contains(r.Body, raw) {
				t.Errorf("hostile value %q reflected unescaped", raw)
			}
		}
		if !strings.Contains(r.Body, "&lt;script&gt;alert(1)") {
			t.Error("the bad value is not shown (escaped) to the user")
		}
		if !strings.Contains(r.Body, `<tr id="ABCD3_row" class="missing">`) || !strings.Contains(r.Body, `id="PETR4_price"`) {
			t.Error("unknown ticker not marked as not found next to a known one")
		}
		if r := c.Get("/stocktracker?stockpicker=PETR4&sort=price&dir=desc"); !strings.Contains(r.Body, `aria-sort="descending"`) {
			t.Error("sorting by a column link does not mark the column")
		}
		if r := apptest.NewClient(t, srv).Get("/stocktracker?stockpicker=PETR4"); r.StatusCode != http.StatusFound {
			t.Errorf("anonymous tracker: %d, want a redirect to login", r.StatusCode)
		}
	})
}

func TestPicker(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		srv := apptest.New(t, store, nil)
		c := apptest.NewClient(t, srv)
		c.Register("vera")
		ibov := c.Get("/stockpicker/IBOV")
		if ibov.StatusCode != http.StatusOK || !strings.Contains(ibov.Body, `value="PETR4"`) || strings.Contains(ibov.Body, `value="HGLG11"`) {
			t.Fatalf("IBOV picker: %d", ibov.StatusCode)
		}
		if !strings.Contains(ibov.Body, `action="/stocktracker" method="get"`) {
			t.Error("picker form does not go to the tracker")
		}
		if r := c.Get("/stockpicker/NASDAQ"); r.StatusCode != http.StatusNotFound {
			t.Errorf("unknown market: %d", r.StatusCode)
		}
		f := c.Get("/stockpicker/IFIX?q=log%C3%ADstica&stockpicker=HGLG11&stockpicker=KNRI11")
		if !strings.Contains(f.Body, `value="HGLG11" checked`) || strings.Contains(f.Body, `value="PETR4"`) {
			t.Error("filter by segment keeps the wrong funds or loses the ticked one")
		}
		if strings.Count(f.Body, `name="stockpicker"`) >= 100 {
			t.Error("filter did not narrow the list")
		}
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "http://stonks.test/stockpicker/IBOV?q=%3Cb%3E", nil)
		req.Header.Set("HX-Request", "true")
		req.Header.Set("HX-Target", "asset-list")
		frag := c.Do(req)
		if strings.Contains(frag.Body, "<html") || !strings.Contains(frag.Body, `id="asset-list"`) {
			t.Error("active search does not answer with the list fragment alone")
		}
		if strings.Contains(c.Get("/stockpicker/IBOV?q=%3Cb%3Ex").Body, "<b>x") {
			t.Error("filter text reflected unescaped")
		}
	})
}

func mustURL(s string) *url.URL { u, _ := url.Parse(s); return u }
