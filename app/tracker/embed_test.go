package tracker_test

import (
	"github.com/stonks-b3/stonks/app/live"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

func TestEmbedIsPublicFramableAndCookieless(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		const interval = 300 * time.Millisecond
		srv, base := serve(t, store, interval, apptest.NewFakeYahoo(t))
		c := apptest.NewClient(t, srv)
		r := c.Get("/embed/tracker?stockpicker=PETR4&stockpicker=vale3&theme=dark&lang=en")
		if r.StatusCode != http.StatusOK {
			t.Fatalf("embed: %d", r.StatusCode)
		}
		if sc := r.Header.Values("Set-Cookie"); len(sc) != 0 {
			t.Fatalf("embed sets cookies: %v", sc)
		}
		if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors *") || r.Header.Get("X-Frame-Options") != "" {
			t.Fatalf("embed is not framable: CSP %q, XFO %q", csp, r.Header.Get("X-Frame-Options"))
		}
		for _, want := range []string{`data-theme="dark"`, `<html lang="en"`, `id="PETR4_price"`, `id="VALE3_volume"`, `<noscript><meta http-equiv="refresh"`} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("embed lacks %q", want)
			}
		}
		if strings.Contains(r.Body, `class="navbar"`) || strings.Contains(r.Body, "_csrf") {
			t.Error("embed carries the site's navbar or a form")
		}
		m := sseConnect.FindStringSubmatch(r.Body)
		if m == nil || m[1] != "quotes-en-PETR4_VALE3" {
			t.Fatalf("embed stream %v", m)
		}
		// A visitor with a stale session cookie still gets no cookie back.
		c.Jar.SetCookies(mustURL("http://stonks.test/"), []*http.Cookie{{Name: "stonks_session", Value: "stale"}})
		if r := c.Get("/embed/tracker?stockpicker=PETR4"); len(r.Header.Values("Set-Cookie")) != 0 {
			t.Fatal("embed touched a cookie it was sent")
		}
		// Other pages still refuse to be framed by others.
		if csp := c.Get("/").Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'self'") {
			t.Fatalf("home CSP %q", csp)
		}
		// The stream needs no session.
		stream := apptest.Subscribe(t, base, m[1])
		if ev, ok := stream.Next(10 * time.Second); !ok || ev.Name != live.QuotesEvent || !strings.Contains(ev.Data, `_price"`) {
			t.Fatalf("no tick on the embed's stream without a session (got %q)", ev.Name)
		}
	})
}

func TestEmbedOrigins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		cfg := apptest.Config(t)
		cfg.EmbedOrigins = []string{"https://blog.example", "https://news.example"}
		srv := apptest.New(t, store, &cfg)
		r := apptest.NewClient(t, srv).Get("/embed/tracker?stockpicker=PETR4")
		if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors https://blog.example https://news.example") {
			t.Fatalf("CSP %q does not list EMBED_ORIGINS", csp)
		}
	})
}
