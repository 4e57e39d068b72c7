package returns_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// fixedPrices is a provider whose prices the test sets.
type fixedPrices struct {
	mu     sync.Mutex
	prices map[string]string
}

func (p *fixedPrices) Name() string { return "fixed" }
func (p *fixedPrices) set(t, price string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.prices[t] = price
}
func (p *fixedPrices) Quotes(ctx context.Context, tickers []string) (map[string]quotes.Quote, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]quotes.Quote{}
	for _, t := range tickers {
		if s, ok := p.prices[t]; ok {
			out[t] = quotes.Quote{Ticker: t, Price: decimal.RequireFromString(s), PrevClose: decimal.NewNullDecimal(decimal.NewFromInt(10)), Time: now}
		}
	}
	return out, nil
}
func (p *fixedPrices) History(ctx context.Context, ticker string, from, to time.Time) ([]quotes.Bar, error) {
	return nil, nil
}

// The profit and loss table listens to the quote room of the assets held
// and, re-fetched on a tick, shows the new price's figures.
func TestProfitAndLossIsLive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		prices := &fixedPrices{prices: map[string]string{"PETR4": "11"}}
		srv := apptest.New(t, store, nil, server.WithProvider(prices))
		ana, _ := user(t, srv, "ana", "en")
		srv.Env.Now = func() time.Time { return now }
		if r := ana.Post("/create-operacao/", operation("C", "PETR4", "2026-01-05", "100", "10", "0")); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("buy: %d", r.StatusCode)
		}
		page := ana.Get("/operacoes").Body
		for _, want := range []string{`sse-connect="/sse?stream=quotes-en-PETR4&amp;stream=user-`, `hx-get="/operacoes?fragment=pl"`, `hx-trigger="sse:quotes delay:300ms"`,
			`id="PETR4_unrealised"><span class="up">R$100.00 (10.00%)`, `id="pl_daychange">R$100.00`} {
			if !strings.Contains(page, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		// A tick: the quote job refreshes the price, then the page re-fetches.
		prices.set("PETR4", "9.5")
		if _, _, err := srv.Quotes.Refresh(context.Background(), []string{"PETR4"}); err != nil {
			t.Fatal(err)
		}
		ana.Header.Set("HX-Request", "true")
		frag := ana.Get("/operacoes?fragment=pl").Body
		ana.Header.Del("HX-Request")
		if strings.Contains(frag, "<html") || !strings.Contains(frag, `id="PETR4_unrealised"><span class="down">-R$50.00 (-5.00%)`) {
			t.Fatalf("fragment after the tick:\n%s", frag)
		}
	})
}
