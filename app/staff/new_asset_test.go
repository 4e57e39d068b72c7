package staff_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// anyTicker quotes whatever it is asked for, as Yahoo would a new listing.
type anyTicker struct{ asked atomic.Int32 }

func (p *anyTicker) Name() string { return "any" }

func (p *anyTicker) Quotes(_ context.Context, tickers []string) (map[string]quotes.Quote, error) {
	out := map[string]quotes.Quote{}
	for _, t := range tickers {
		if t == "NEWC3" {
			p.asked.Add(1)
		}
		out[t] = quotes.Quote{Ticker: t, Price: decimal.RequireFromString("12.34"), Time: time.Now()}
	}
	return out, nil
}

func (p *anyTicker) History(context.Context, string, time.Time, time.Time) ([]quotes.Bar, error) {
	return nil, nil
}

// An asset staff add is an asset like the others at once: the tracker asks
// the provider for its quote and its stream opens, which the seeded lists
// alone would refuse.
func TestAddedAssetIsQuotedAndStreamed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		p := &anyTicker{}
		srv := apptest.New(t, store, nil, server.WithProvider(p))
		w := newWorld(t, srv)
		if r := w.boss.Post("/staff/assets/", url.Values{"ticker": {"NEWC3"}, "name": {"Nova Empresa ON"}, "market": {"IBOV"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("add: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		page := w.ana.Get("/stocktracker?stockpicker=NEWC3").Body
		if p.asked.Load() == 0 || !strings.Contains(page, "12,34") {
			t.Fatalf("the new asset was not quoted (provider asked %d times)", p.asked.Load())
		}
		if !strings.Contains(page, "NEWC3") || !strings.Contains(page, `sse-connect="/sse?stream=quotes-`) {
			t.Fatal("the tracker opens no stream for the new asset")
		}
		req, _ := http.NewRequest(http.MethodHead, "http://stonks.test/sse?stream=quotes-pt-BR-NEWC3", nil)
		if r := w.ana.Do(req); r.StatusCode != http.StatusOK {
			t.Errorf("stream of the new asset: %d, want 200", r.StatusCode)
		}
	})
}
