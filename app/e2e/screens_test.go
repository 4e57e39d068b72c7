package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// screenDir is where screenshots go: $SCREENSHOT_DIR, or the test's temp dir.
func screenDir(t *testing.T) string {
	if d := os.Getenv("SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// seedScreens gives user a wallet (one holding with 0 shares), an alert and
// a room with a message, and stores quotes for the tickers, so every page
// has its widest content.
func seedScreens(t *testing.T, store *db.Store, user string) (roomID int64) {
	t.Helper()
	ctx := context.Background()
	u, err := store.UserByUsername(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var qs []db.Quote
	for tk, p := range map[string]string{"PETR4": "38.12", "VALE3": "61.05", "HGLG11": "158.40", "ITUB4": "33.90"} {
		d := decimal.RequireFromString(p)
		qs = append(qs, db.Quote{Ticker: tk, Price: d, PrevClose: d.Sub(decimal.NewFromInt(1)), Open: d, DayLow: d, DayHigh: d,
			Low52: d.Div(decimal.NewFromInt(2)), High52: d.Mul(decimal.NewFromInt(2)), MarketCap: decimal.NewFromInt(512_000_000_000), Volume: 48_123_456, At: now})
	}
	if err := store.SaveQuotes(ctx, qs); err != nil {
		t.Fatal(err)
	}
	for _, it := range []db.WalletItem{
		{Ticker: "PETR4", PrecoMedio: decimal.RequireFromString("30.2345"), Quantidade: 1200, Nota: decimal.NewFromInt(2)},
		{Ticker: "VALE3", PrecoMedio: decimal.RequireFromString("62.50"), Quantidade: 350, Nota: decimal.NewFromInt(1)},
		{Ticker: "HGLG11", PrecoMedio: decimal.RequireFromString("150"), Quantidade: 0, Nota: decimal.RequireFromString("1.5")},
	} {
		it.UserID, it.CreatedAt, it.UpdatedAt = u.ID, now, now
		if err := store.CreateWalletItem(ctx, &it, now); err != nil {
			t.Fatal(err)
		}
	}
	a := &db.Alert{UserID: u.ID, Email: user + "@example.com", Ticker: "PETR4", Lang: "pt-BR",
		BuyPrice:      decimal.NewNullDecimal(decimal.RequireFromString("30")),
		SellPrice:     decimal.NewNullDecimal(decimal.RequireFromString("45.50")),
		PeriodMinutes: 60, DurationDays: 30, Zone: "", CreatedAt: now, ExpiresAt: now.AddDate(0, 0, 30), NextCheckAt: now.Add(time.Hour)}
	if err := store.CreateAlert(ctx, a); err != nil {
		t.Fatal(err)
	}
	r := &db.Room{HostID: u.ID, Name: "Dividendos de 2026: quem paga mais?", Description: "Conversa sobre pagadoras de dividendos.", CreatedAt: now, UpdatedAt: now}
	if err := store.CreateRoom(ctx, r, "Dividendos", now); err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateMessage(ctx, &db.Message{RoomID: r.ID, UserID: u.ID, Body: "Comprei mais $TAEE11 hoje, e uma palavra bem comprida: inconstitucionalissimamente."}, func() time.Time { return now }); err != nil {
		t.Fatal(err)
	}
	return r.ID
}

// layoutCheck reports, as one string (empty when all is well), what is wrong
// with the page's layout: a page-level horizontal scroll, a key cell outside
// the viewport, or navbar items drawn over each other.
const layoutCheck = `((key) => {
	const bad = [];
	const vw = window.innerWidth, de = document.documentElement;
	if (de.scrollWidth > vw) bad.push("page scrolls sideways: content " + de.scrollWidth + " px in a " + vw + " px window");
	for (const sel of key) {
		const el = document.querySelector(sel);
		if (!el) { bad.push(sel + " missing"); continue; }
		const r = el.getBoundingClientRect();
		if (r.width === 0 || r.left < 0 || r.right > vw) bad.push(sel + " not within the window: " + Math.round(r.left) + "–" + Math.round(r.right));
		const box = el.closest(".table-wrap");
		if (box && window.matchMedia("(min-width: 48rem)").matches && r.right > box.getBoundingClientRect().right + 1)
			bad.push(sel + " cut by its table's box: " + Math.round(r.right) + " > " + Math.round(box.getBoundingClientRect().right));
	}
	const items = [...document.querySelectorAll(".navbar a, .navbar button, .navbar input, .navbar summary")]
		.filter(e => e.getClientRects().length && e.getBoundingClientRect().width > 0 && !e.closest(".menu-items"));
	for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
		const a = items[i].getBoundingClientRect(), b = items[j].getBoundingClientRect();
		if (items[i].contains(items[j]) || items[j].contains(items[i])) continue;
		if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
			bad.push("navbar: " + JSON.stringify(items[i].textContent.trim() || items[i].outerHTML.slice(0, 40)) + " overlaps " + JSON.stringify(items[j].textContent.trim() || items[j].outerHTML.slice(0, 40)));
		}
	for (const e of items) { const r = e.getBoundingClientRect(); if (r.right > vw + 1) bad.push("navbar item off-screen: " + e.textContent.trim()); }
	return bad.join("; ");
})`

// onASaturday is a clock running at the real pace, moved to the next Saturday
// noon in São Paulo: near enough to now that cookies do not expire, and
// always a day when B3 is closed.
func onASaturday() func() time.Time {
	brt := time.FixedZone("BRT", -3*3600)
	now := time.Now().In(brt)
	days := (int(time.Saturday) - int(now.Weekday()) + 7) % 7
	noon := time.Date(now.Year(), now.Month(), now.Day()+days, 12, 0, 0, 0, brt)
	shift := noon.Sub(now)
	return func() time.Time { return time.Now().Add(shift) }
}

// The tracker, wallet, alerts, chart and room fit a phone (390×844) and a
// laptop (1366×900): no page-level horizontal scroll, the price cells
// within the window, the navbar's items apart; in both languages, with
// JavaScript on and off. Screenshots are kept for a human look.
func TestScreensFit(t *testing.T) {
	store := dbtest.SQLite(t)
	cfg := apptest.Config(t)
	cfg.QuotesInterval = time.Hour
	// The widest pages are those of a closed market (prices carry their date):
	// B3 hours, on a Saturday whatever day the test runs.
	cfg.SimSession = "b3"
	srv := apptest.New(t, store, &cfg)
	srv.Env.Now = onASaturday()
	base := apptest.Listen(t, srv)
	dir := screenDir(t)
	for _, tc := range []struct {
		name, lang, user string
		js               bool
	}{
		{"pt-js", "pt-BR,pt;q=0.9", "alice_souza", true},
		{"en-nojs", "en-US,en;q=0.9", "bob_fernandes", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := Browser(t, tc.js, tc.lang)
			SignUp(t, ctx, base, tc.user)
			room := seedScreens(t, store, tc.user)
			pages := []struct {
				name, path string
				key        []string
			}{
				{"tracker", "/stocktracker?stockpicker=PETR4&stockpicker=VALE3&stockpicker=HGLG11&stockpicker=ITUB4", []string{"#PETR4_price", "#PETR4_change", `#PETR4_row a[href^="/create-alert/"]`}},
				{"wallet", "/carteira", []string{"#PETR4_preco", "#PETR4_ordem", "#PETR4_rm", "#patrimonio", `#PETR4_row a[href^="/delete-carteira/"]`}},
				{"alerts", "/alerts/", []string{`#alert-list a[href^="/update-alert/"]`, `#alert-list a[href^="/delete-alert/"]`}},
				{"chart", "/graph?ticker=PETR4", []string{"#chart img"}},
				{"room", fmt.Sprintf("/room/%d/", room), []string{"#messages .message-body", `.message-form button[type="submit"]`}},
			}
			// The navbar at the widths between: its items wrap, never overlap.
			for _, w := range []int64{320, 360, 414, 480, 600, 720, 820, 1024} {
				step := fmt.Sprintf("navbar at %d px", w)
				Run(t, ctx, step,
					chromedp.EmulateViewport(w, 800, chromedp.EmulateScale(1)),
					chromedp.Navigate(base+"/alerts/"),
					chromedp.WaitVisible(css(".navbar .account a")),
				)
				if bad := Get(t, ctx, step, chromedp.Evaluate[string](layoutCheck+"([])")); bad != "" {
					t.Errorf("%s: %s", step, bad)
				}
			}
			for _, size := range [][2]int64{{390, 844}, {1366, 900}} {
				for _, p := range pages {
					step := fmt.Sprintf("%s at %d×%d", p.name, size[0], size[1])
					Run(t, ctx, step,
						chromedp.EmulateViewport(size[0], size[1], chromedp.EmulateScale(1)),
						chromedp.Navigate(base+p.path),
						chromedp.WaitVisible(css(p.key[0])),
					)
					key := "["
					for i, k := range p.key {
						if i > 0 {
							key += ","
						}
						key += fmt.Sprintf("%q", k)
					}
					key += "]"
					if bad := Get(t, ctx, step+": layout", chromedp.Evaluate[string](layoutCheck+"("+key+")")); bad != "" {
						t.Errorf("%s: %s", step, bad)
					}
					png := Get(t, ctx, step+": screenshot", chromedp.FullScreenshot(100))
					name := filepath.Join(dir, fmt.Sprintf("%s-%s-%d.png", tc.name, p.name, size[0]))
					if err := os.WriteFile(name, png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
}

// The embed widget fits a blog column of 320 to 720 px: by default its
// compact columns (ticker, price, change, time) show without a sideways
// scroll; with ?cols=full every figure shows, as cards when narrow. An
// iframe's window is its own width, so the widget is opened at those widths.
func TestEmbedFitsBlogColumns(t *testing.T) {
	store := dbtest.SQLite(t)
	cfg := apptest.Config(t)
	cfg.QuotesInterval = time.Hour
	base := apptest.Listen(t, apptest.New(t, store, &cfg))
	ctx := Browser(t, true, "pt-BR,pt;q=0.9")
	SignUp(t, ctx, base, "blogueira")
	seedScreens(t, store, "blogueira")
	dir := screenDir(t)
	widget := base + "/embed/tracker?stockpicker=PETR4&stockpicker=VALE3&stockpicker=HGLG11"
	for _, tc := range []struct {
		cols string
		key  []string
	}{
		{"", []string{"#PETR4_price", "#PETR4_change", "#HGLG11_change"}},
		{"&cols=full", []string{"#PETR4_price", "#PETR4_change", "#PETR4_range", "#PETR4_cap", "#PETR4_volume"}},
	} {
		for _, w := range []int64{320, 480, 720} {
			step := fmt.Sprintf("embed%s at %d px", tc.cols, w)
			Run(t, ctx, step,
				chromedp.EmulateViewport(w, 400, chromedp.EmulateScale(1)),
				chromedp.Navigate(widget+tc.cols),
				chromedp.WaitVisible(css("#PETR4_price")),
			)
			key := `["` + strings.Join(tc.key, `","`) + `"]`
			if bad := Get(t, ctx, step, chromedp.Evaluate[string](layoutCheck+"("+key+")")); bad != "" {
				t.Errorf("%s: %s", step, bad)
			}
			// Nothing cut inside the table's own scroll either.
			if cut := Get(t, ctx, step+": cells", chromedp.Evaluate[string](`[...document.querySelectorAll("th, td")]
				.filter(e => e.getClientRects().length && e.getBoundingClientRect().right > window.innerWidth + 1)
				.map(e => e.id || e.textContent.trim()).join(", ")`)); cut != "" {
				t.Errorf("%s: cells cut at the right edge: %s", step, cut)
			}
			png := Get(t, ctx, step+": screenshot", chromedp.FullScreenshot(100))
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("embed%s-%d.png", strings.TrimPrefix(tc.cols, "&cols="), w)), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
