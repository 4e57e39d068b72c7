package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// With JavaScript on (htmx boosting links), the theme and language links
// take effect at once: <html data-theme> and <html lang> change, and the
// wallet's pies are drawn in the new language.
func TestPrefsLinksWithJS(t *testing.T) {
	store := dbtest.SQLite(t)
	cfg := apptest.Config(t)
	cfg.QuotesInterval = time.Hour
	base := apptest.Listen(t, apptest.New(t, store, &cfg))
	ctx := Browser(t, true, "pt-BR,pt;q=0.9")
	SignUp(t, ctx, base, "carla")
	seedScreens(t, store, "carla")

	Run(t, ctx, "open the wallet", chromedp.Navigate(base+"/carteira"), chromedp.WaitVisible(css("#patrimonio")))
	Run(t, ctx, "dark theme", chromedp.Click(css(`footer a[href^="/prefs?theme=dark"]`)))
	waitJS(t, ctx, "dark theme", `document.documentElement.dataset.theme === "dark" && !!document.getElementById("patrimonio")`)
	Run(t, ctx, "English", chromedp.Click(css(`footer a[href^="/prefs?lang=en"]`)))
	waitJS(t, ctx, "English", `document.documentElement.lang === "en" && !!document.getElementById("patrimonio")`)
	Run(t, ctx, "fetch the pie",
		chromedp.Evaluate[chromedp.Void](`window.__pie = null; fetch(document.querySelector('img[src*="pie/weights.svg"]').src).then(r => r.text()).then(t => window.__pie = t)`),
		chromedp.Poll[chromedp.Void](`window.__pie !== null`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	// The image's URL names the language, so no image cached for the
	// Portuguese page can stand in for it.
	if src := Get(t, ctx, "pie src", chromedp.Evaluate[string](`document.querySelector('img[src*="pie/weights.svg"]').src`)); !strings.Contains(src, "lang=en") {
		t.Errorf("the weights pie's URL %q does not name the language", src)
	}
	pie := Get(t, ctx, "pie", chromedp.Evaluate[string](`window.__pie`))
	if !strings.Contains(pie, "Target weight per asset") {
		t.Errorf("after switching to English the weights pie is not in English: %.200q", pie)
	}
	if theme := Get(t, ctx, "theme kept", chromedp.Evaluate[string](`document.documentElement.dataset.theme || ""`)); theme != "dark" {
		t.Errorf("data-theme = %q after the language switch, want dark", theme)
	}
}

// waitJS waits until expr is true, across page loads (an evaluation that
// meets a navigation fails, and is simply tried again).
func waitJS(t *testing.T, ctx context.Context, step, expr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			url, _ := chromedp.Run(ctx, chromedp.Location())
			t.Fatalf("%s (at %s): %s stayed false (%v)", step, url, expr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
