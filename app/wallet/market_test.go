package wallet_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// friday answers PETR4 with Friday's closing price and no previous close.
type friday struct{}

func (friday) Name() string { return "friday" }

func (friday) Quotes(_ context.Context, tickers []string) (map[string]quotes.Quote, error) {
	out := map[string]quotes.Quote{}
	for _, t := range tickers {
		if t == "PETR4" {
			out[t] = quotes.Quote{Ticker: t, Price: decimal.RequireFromString("30"),
				Time: time.Date(2026, 11, 27, 16, 59, 0, 0, quotes.BRT)}
		}
	}
	return out, nil
}

func (friday) History(context.Context, string, time.Time, time.Time) ([]quotes.Bar, error) {
	return nil, nil
}

// On a Saturday the wallet says the market is closed since Friday's close,
// dates Friday's price, and shows no made-up change.
func TestWalletSaysTheMarketIsClosed(t *testing.T) {
	srv := apptest.New(t, dbtest.SQLite(t), nil, server.WithProvider(friday{}))
	srv.Env.Now = func() time.Time { return time.Date(2026, 11, 28, 14, 0, 0, 0, quotes.BRT) }
	c, _ := user(t, srv, "ana")
	add(t, c, holding("PETR4", "25", "10", "1"))
	r := c.Get("/carteira")
	if !strings.Contains(r.Body, "Market closed") || !strings.Contains(r.Body, "since Nov 27, 2026 17:00") ||
		strings.Contains(r.Body, "Prices refresh every") {
		t.Error("the wallet does not say the market is closed since Friday 17:00, or still promises updates")
	}
	if !strings.Contains(r.Body, ">Nov 27, 2026 16:59</time>") {
		t.Error("Friday's price is not dated")
	}
	if got := cell(t, r.Body, "PETR4_preco"); got != "R$30.00" {
		t.Errorf("PETR4_preco %q", got)
	}
	for _, id := range []string{"PETR4_fechamento", "PETR4_change", "PETR4_fiftytwo"} {
		if got := cell(t, r.Body, id); got != "—" {
			t.Errorf("missing figure %s shown as %q, want —", id, got)
		}
	}
}
