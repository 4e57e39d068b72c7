package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// The tracker's price cell changes by itself, through SSE, without a reload.
func TestTrackerPriceChangesLive(t *testing.T) {
	cfg := apptest.Config(t)
	cfg.QuotesInterval = 500 * time.Millisecond
	srv := apptest.New(t, dbtest.SQLite(t), &cfg, apptest.NewFakeYahoo(t).Provider(t))
	base := apptest.Listen(t, srv)
	ctx := Browser(t, true, "pt-BR")
	SignUp(t, ctx, base, "trader")

	Run(t, ctx, "open the tracker from the navbar search",
		chromedp.SendKeys(css(`#nav-search`), "petr4, vale3"),
		chromedp.Submit(css(`#nav-search`)),
		chromedp.WaitVisible(css(`#PETR4_price`)),
		chromedp.Evaluate[chromedp.Void](`window.__noReload = true`),
	)
	// Read the cell in one script: a node looked up and then read by chromedp
	// may be swapped out in between by the very update this test waits for.
	price := chromedp.Evaluate[string](`document.getElementById("PETR4_price").textContent`)
	first := Get(t, ctx, "first price", price)
	deadline := time.Now().Add(10 * time.Second)
	for {
		now := Get(t, ctx, "price", price)
		if now != first {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("PETR4 price stayed %q for 10 s", first)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !Get(t, ctx, "no reload", chromedp.Evaluate[bool](`window.__noReload === true`)) {
		t.Fatal("the page reloaded instead of swapping the row")
	}
	if Get(t, ctx, "data-ts", chromedp.Evaluate[float64](`Number(document.getElementById("PETR4_row").dataset.ts)`)) <= 0 {
		t.Fatal("swapped row lost its data-ts")
	}
}

// Pages left for the back/forward cache must not keep their event streams:
// browsers allow six connections per host, so after a few live pages the
// site would stop loading.
func TestLivePagesDoNotExhaustConnections(t *testing.T) {
	srv := apptest.New(t, dbtest.SQLite(t), nil)
	base := apptest.Listen(t, srv)
	ctx := Browser(t, true, "en")
	SignUp(t, ctx, base, "hopper")
	for i, tk := range []string{"PETR4", "VALE3", "ITUB4", "BBAS3", "WEGE3", "ABEV3", "HGLG11", "KNRI11"} {
		Run(t, ctx, "open tracker "+strconv.Itoa(i)+" of "+tk,
			chromedp.Navigate(base+"/stocktracker?stockpicker="+tk),
			chromedp.WaitVisible(css("#"+tk+"_price")),
		)
	}
}
