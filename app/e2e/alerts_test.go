package e2e

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// gatedProvider has no prices until open is set: the test opens it once
// the page's stream is connected, so the first check cannot run before
// someone is there to see the toast.
type gatedProvider struct{ open atomic.Bool }

func (p *gatedProvider) Name() string { return "gated" }
func (p *gatedProvider) Quotes(_ context.Context, tickers []string) (map[string]quotes.Quote, error) {
	if !p.open.Load() {
		return nil, errors.New("market closed")
	}
	out := map[string]quotes.Quote{}
	for _, t := range tickers {
		out[t] = quotes.Quote{Ticker: t, Price: decimal.RequireFromString("31.40"), PrevClose: decimal.NewNullDecimal(decimal.RequireFromString("31")), Time: time.Now()}
	}
	return out, nil
}
func (p *gatedProvider) History(context.Context, string, time.Time, time.Time) ([]quotes.Bar, error) {
	return nil, nil
}

// A logged-in user creates an alert whose buy price is above the current
// price; the page they are on shows the notice as a toast within a cycle,
// and the toast can be dismissed. Without a reload, the toast also brings
// the navbar's unread count and the alerts list's row its checked price;
// the notice is kept on /notifications/, which marks it read.
func TestAlertToast(t *testing.T) {
	cfg := apptest.Config(t)
	cfg.AlertsInterval = 300 * time.Millisecond
	cfg.MailDir = t.TempDir()
	provider := &gatedProvider{}
	srv, err := server.New(cfg, dbtest.SQLite(t), slog.New(slog.NewTextHandler(io.Discard, nil)), server.WithProvider(provider))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	base := apptest.Listen(t, srv)
	ctx := Browser(t, true, "en-US,en;q=0.9")
	submit := css(`main form button[type="submit"]`)

	SignUp(t, ctx, base, "toasty")
	Run(t, ctx, "create an alert from the tracker's link",
		chromedp.Navigate(base+"/create-alert/?ativo=PETR4"),
		chromedp.WaitVisible(css(`input[name="compra"]`)),
		chromedp.SendKeys(css(`input[name="compra"]`), "40.00"),
		chromedp.Click(submit),
		chromedp.WaitVisible(css(`#alert-list tr[id^="alert-"]`)),
	)
	u, err := srv.Env.Store.UserByUsername(context.Background(), "toasty")
	if err != nil {
		t.Fatal(err)
	}
	// Wait for the page's stream, then let prices flow.
	for deadline := time.Now().Add(10 * time.Second); srv.Hub.Subscribers(live.User(u.ID)) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the page never subscribed to the user's stream")
		}
		time.Sleep(20 * time.Millisecond) // polling the hub: it has no subscribe channel for tests
	}
	// On a live page the room and the notices share one connection.
	Run(t, ctx, "open the tracker", chromedp.Navigate(base+"/stocktracker?stockpicker=PETR4"), chromedp.WaitVisible(css(`#PETR4_row`)))
	connect := Get(t, ctx, "the page's streams", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("[sse-connect]"), e => e.getAttribute("sse-connect"))`))
	if len(connect) != 1 || !strings.Contains(connect[0], "stream=quotes-") || !strings.Contains(connect[0], "stream="+live.User(u.ID)) {
		t.Fatalf("the tracker page connects to %q, want one connection with its room and the user's notices", connect)
	}
	for deadline := time.Now().Add(10 * time.Second); len(srv.Hub.Active(live.QuotesPrefix)) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the tracker page never subscribed to its room")
		}
		time.Sleep(20 * time.Millisecond) // polling the hub, as above
	}
	// The alerts page's connection may linger until its next heartbeat;
	// either way every connection carries the user's stream.
	if conns, _ := srv.Hub.Stats(); conns != srv.Hub.Subscribers(live.User(u.ID)) {
		t.Fatalf("%d event-stream connections, %d of them with the user's notices", conns, srv.Hub.Subscribers(live.User(u.ID)))
	}
	// Back on the alerts page, whose row the toast will update.
	Run(t, ctx, "back to the alerts", chromedp.Navigate(base+"/alerts/"), chromedp.WaitVisible(css(`#alert-list tr[id^="alert-"]`)))
	row := `document.querySelector("#alert-list tr[id^='alert-']").textContent`
	if !Get(t, ctx, "row before", chromedp.Evaluate[bool](row+`.includes("not checked yet")`)) {
		t.Fatal("the new alert's row does not say it was not checked yet")
	}
	Get(t, ctx, "mark the page", chromedp.Evaluate[bool](`window.stillHere = true`))
	provider.open.Store(true)
	toast := css(`#toasts .toast`)
	Run(t, ctx, "toast appears", chromedp.WaitVisible(toast))
	text := Get(t, ctx, "toast text", chromedp.Text(toast))
	if !strings.Contains(text, "PETR4 is at R$31.40, at or below your buy price of R$40.00.") {
		t.Fatalf("toast says %q", text)
	}
	Run(t, ctx, "dismiss", chromedp.Click(css(`#toasts .toast-close`)), chromedp.WaitNotVisible(toast))
	Get(t, ctx, "the row shows the checked price",
		chromedp.Poll[bool](`(() => { const t = `+row+`; return t.includes("R$31.40") && !t.includes("not checked yet") && !t.includes("never"); })()`))
	if n := Get(t, ctx, "unread count", chromedp.Text(css(`#notice-count`))); n != "1" {
		t.Fatalf("the navbar counts %q unread, want 1", n)
	}
	if !Get(t, ctx, "no reload", chromedp.Evaluate[bool](`window.stillHere === true`)) {
		t.Fatal("the alerts page reloaded instead of updating live")
	}
	Run(t, ctx, "open the notifications",
		chromedp.Click(css(`a.notices-link`)),
		chromedp.WaitVisible(css(`.notices .notice.unread`)),
	)
	if text := Get(t, ctx, "notice", chromedp.Text(css(`.notices .notice`))); !strings.Contains(text, "PETR4 is at R$31.40") {
		t.Fatalf("the notifications page lists %q", text)
	}
	if n := Get(t, ctx, "count after reading", chromedp.Evaluate[string](`document.getElementById("notice-count").textContent`)); n != "" {
		t.Fatalf("after reading, the navbar counts %q", n)
	}
}
