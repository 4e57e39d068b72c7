package e2e

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// A user adds two holdings and reads the advice, with JavaScript on and off.
// Prices are stored before the page asks, and the quote job is slowed to an
// hour, so the numbers are the hand-computed ones:
// PETR4 10 × 30 = 300, VALE3 2 × 50 = 100, patrimonio 400; equal weights
// want 200 each: PETR4 Sell ⌊100 ÷ 30⌋ = 3, VALE3 Buy ⌊100 ÷ 50⌋ = 2.
// With JavaScript on, a quote event then makes the table refresh itself.
func TestWalletAdvice(t *testing.T) {
	for _, tc := range []struct {
		name, lang                        string
		js                                bool
		patrimonio, buy, sell, vale3Quero string
	}{
		{"js-on-en", "en-US,en;q=0.9", true, "R$400.00", "Buy", "Sell", "50.00%"},
		{"js-off-pt", "pt-BR,pt;q=0.9", false, "R$ 400,00", "Comprar", "Vender", "50,00%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := dbtest.SQLite(t)
			cfg := apptest.Config(t)
			cfg.QuotesInterval = time.Hour
			srv := apptest.New(t, store, &cfg)
			now := time.Now()
			var qs []db.Quote
			for tk, p := range map[string]int64{"PETR4": 30, "VALE3": 50} {
				d := decimal.NewFromInt(p)
				qs = append(qs, db.Quote{Ticker: tk, Price: d, PrevClose: d, Open: d, DayLow: d, DayHigh: d, Low52: d, High52: d, At: now})
			}
			if err := store.SaveQuotes(context.Background(), qs); err != nil {
				t.Fatal(err)
			}
			base := apptest.Listen(t, srv)
			ctx := Browser(t, tc.js, tc.lang)
			user := "w_" + strings.ReplaceAll(tc.name, "-", "_")
			submit := css(`main form button[type="submit"]`)

			SignUp(t, ctx, base, user)
			for _, h := range [][4]string{{"petr4", "25,50", "10", "1"}, {"VALE3", "62,50", "2", "1"}} {
				if strings.HasPrefix(tc.lang, "en") { // numbers are typed in the page's language
					h[1] = strings.ReplaceAll(h[1], ",", ".")
				}
				Run(t, ctx, "add "+h[0],
					chromedp.Navigate(base+"/carteira"),
					chromedp.Click(css(`a[href="/create-carteira/"]`)),
					chromedp.WaitVisible(css(`input[name="ativo"]`)),
					chromedp.SendKeys(css(`input[name="ativo"]`), h[0]),
					chromedp.SendKeys(css(`input[name="preco_medio"]`), h[1]),
					chromedp.SendKeys(css(`input[name="quantidade"]`), h[2]),
					chromedp.SendKeys(css(`input[name="nota"]`), h[3]),
					chromedp.Click(submit),
					chromedp.WaitVisible(css(`#`+strings.ToUpper(h[0])+`_ordem`)),
				)
			}
			text := func(id string) string { return Get(t, ctx, id, chromedp.Text(css("#"+id))) }
			for id, want := range map[string]string{
				"patrimonio": tc.patrimonio, "PETR4_ordem": tc.sell, "VALE3_ordem": tc.buy, "VALE3_vol": "2", "PETR4_vol": "3",
				"VALE3_quero": tc.vale3Quero,
			} {
				if got := text(id); got != want {
					t.Errorf("%s = %q, want %q", id, got, want)
				}
			}
			if !tc.js {
				return
			}

			// Live: once the page is subscribed to its quote room, a new price
			// and a quote event make the table re-render without a reload.
			room := live.QuoteRoom("en", []string{"PETR4", "VALE3"})
			deadline := time.Now().Add(10 * time.Second)
			for !slices.Contains(srv.Hub.Active(live.QuotesPrefix), room) {
				if time.Now().After(deadline) {
					t.Fatalf("the page never subscribed to %s", room)
				}
				time.Sleep(50 * time.Millisecond)
			}
			if _, _, err := srv.Quotes.Refresh(context.Background(), []string{"PETR4"}); err != nil { // the simulated price replaces 30
				t.Fatal(err)
			}
			if err := srv.Hub.Publish(context.Background(), live.Event{Stream: room, Name: live.QuotesEvent, Data: "<tr></tr>"}); err != nil {
				t.Fatal(err)
			}
			Run(t, ctx, "table refreshed by the quote event",
				chromedp.Poll[chromedp.Void](`document.getElementById("PETR4_preco").textContent.trim() !== "R$30.00" && document.getElementById("patrimonio").textContent !== "R$400.00"`,
					chromedp.WithPollingTimeout(10*time.Second)),
			)
		})
	}
}
