package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// A page on another origin embeds the widget with the tracker's snippet and
// sees a live price change inside the iframe.
func TestEmbedOnAnotherOrigin(t *testing.T) {
	cfg := apptest.Config(t)
	cfg.QuotesInterval = 500 * time.Millisecond
	srv := apptest.New(t, dbtest.SQLite(t), &cfg, apptest.NewFakeYahoo(t).Provider(t))
	base := apptest.Listen(t, srv)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><title>blog</title><h1>My blog</h1>
<iframe id="w" src="%s/embed/tracker?stockpicker=PETR4&stockpicker=VALE3&lang=en" title="Stonks" width="100%%" height="200" style="border:0"></iframe>`, base)
	}))
	t.Cleanup(site.Close)

	ctx := Browser(t, true, "en")
	Run(t, ctx, "open the blog", chromedp.Navigate(site.URL), chromedp.WaitVisible(css("iframe#w")))
	// Another port is another origin, so the page's script cannot read the
	// iframe; the DevTools DOM can (same site, same renderer process).
	frames := Get(t, ctx, "iframe node", chromedp.Nodes(css("iframe#w"), chromedp.NodeReady))
	cell := css("#PETR4_price")
	Run(t, ctx, "widget rows", chromedp.WaitVisible(cell, chromedp.FromNode(frames[0])))
	first := Get(t, ctx, "first price", chromedp.Text(cell, chromedp.FromNode(frames[0])))
	t.Logf("first price in the iframe: %s", first)
	deadline := time.Now().Add(10 * time.Second)
	for {
		// The row is replaced on every tick, so look the iframe up afresh;
		// a lookup racing a swap may fail, and is simply tried again.
		now, err := chromedp.Run(ctx, chromedp.QueryAfter(css("iframe#w"), func(ctx context.Context, tg *chromedp.Target, nodes []*chromedp.Node) (string, error) {
			return chromedp.Text(cell, chromedp.FromNode(nodes[0]))(ctx, tg)
		}))
		if err == nil && now != first && now != "" {
			t.Logf("then: %s", now)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the embedded price stayed %q", first)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
