package server_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

func TestSecurityHeaders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		srv := apptest.New(t, store, nil)
		r := apptest.NewClient(t, srv).Get("/")
		csp := r.Header.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'self'", "frame-ancestors 'self'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("CSP %q lacks %q", csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("CSP allows inline or eval: %q", csp)
		}
		if r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Referrer-Policy") == "" {
			t.Errorf("missing nosniff or Referrer-Policy: %v", r.Header)
		}
		if strings.Contains(r.Body, "<script>") || strings.Contains(r.Body, " onclick=") {
			t.Error("page has inline script")
		}
	})
}

func TestCSRFRefusedAndNothingWritten(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := apptest.NewClient(t, srv)
		c.Get("/register/")
		form := url.Values{"username": {"mallory"}, "email": {"m@example.com"}, "password1": {"vale tudo 42"}, "password2": {"vale tudo 42"}}
		if r := c.PostRaw("/register/", form); r.StatusCode != http.StatusForbidden {
			t.Errorf("no token: %d, want 403", r.StatusCode)
		}
		form.Set("_csrf", "wrong"+c.Cookie("stonks_csrf")[5:])
		if r := c.PostRaw("/register/", form); r.StatusCode != http.StatusForbidden {
			t.Errorf("wrong token: %d, want 403", r.StatusCode)
		}
		noCookie := apptest.NewClient(t, srv)
		form.Set("_csrf", c.Cookie("stonks_csrf"))
		if r := noCookie.PostRaw("/register/", form); r.StatusCode != http.StatusForbidden {
			t.Errorf("token without its cookie: %d, want 403", r.StatusCode)
		}
		if taken, _ := srv.Env.Store.UsernameTaken(context.Background(), "mallory"); taken {
			t.Fatal("a refused POST created the user")
		}
		// htmx sends the token in a header instead of the form.
		form.Del("_csrf")
		req, _ := http.NewRequest(http.MethodPost, "http://stonks.test/register/", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-CSRF-Token", c.Cookie("stonks_csrf"))
		if r := c.Do(req); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("X-CSRF-Token header: %d, want 303", r.StatusCode)
		}
	})
}

// htmx requests (HX-Request: true, boosted or not) get no pass: the token
// must still be in the form or the X-CSRF-Token header.
func TestCSRFAppliesToHtmxRequests(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := apptest.NewClient(t, srv)
		c.Get("/register/")
		form := url.Values{"username": {"mallory"}, "email": {"m@example.com"}, "password1": {"vale tudo 42"}, "password2": {"vale tudo 42"}}
		post := func(boosted bool, token string) int {
			t.Helper()
			req, _ := http.NewRequest(http.MethodPost, "http://stonks.test/register/", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("HX-Request", "true")
			if boosted {
				req.Header.Set("HX-Boosted", "true")
			}
			if token != "" {
				req.Header.Set("X-CSRF-Token", token)
			}
			return c.Do(req).StatusCode
		}
		for _, boosted := range []bool{false, true} {
			if got := post(boosted, ""); got != http.StatusForbidden {
				t.Errorf("htmx (boosted %v) without a token: %d, want 403", boosted, got)
			}
			if got := post(boosted, "wrong"+c.Cookie("stonks_csrf")[5:]); got != http.StatusForbidden {
				t.Errorf("htmx (boosted %v) with a wrong token: %d, want 403", boosted, got)
			}
		}
		if taken, _ := srv.Env.Store.UsernameTaken(context.Background(), "mallory"); taken {
			t.Fatal("a refused htmx POST created the user")
		}
		if got := post(false, c.Cookie("stonks_csrf")); got != http.StatusSeeOther {
			t.Fatalf("htmx with the X-CSRF-Token header: %d, want 303", got)
		}
		if taken, _ := srv.Env.Store.UsernameTaken(context.Background(), "mallory"); !taken {
			t.Fatal("the accepted htmx POST did not create the user")
		}
	})
}

// The limit is 1 MiB as documented, in absolute bytes (not relative to the
// constant, which a change would move along with the test), over a socket,
// where fasthttp enforces it before any handler.
func TestBodyLimit(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		base := apptest.Listen(t, srv)
		post := func(n int) int {
			r, err := http.Post(base+"/login/", "application/x-www-form-urlencoded", bytes.NewReader(bytes.Repeat([]byte("a"), n)))
			if err != nil {
				t.Fatal(err)
			}
			r.Body.Close()
			return r.StatusCode
		}
		// Over the limit, the body is refused unread: announced, not sent.
		over := rawResponse(t, strings.TrimPrefix(base, "http://"), "POST /login/ HTTP/1.1\r\nHost: stonks.test\r\n"+
			"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1048577\r\n\r\n")
		if over.StatusCode != http.StatusRequestEntityTooLarge {
			t.Fatalf("body of 1 MiB + 1 byte: %d, want 413", over.StatusCode)
		}
		// Exactly 1 MiB passes the limit and reaches the CSRF check.
		if got := post(1_048_576); got != http.StatusForbidden {
			t.Fatalf("body of exactly 1 MiB without CSRF token: %d, want 403", got)
		}
	})
}

func TestPagesAndRedirects(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		srv := apptest.New(t, store, nil)
		c := apptest.NewClient(t, srv)
		for path, want := range map[string]int{
			"/": 200, "/login/": 200, "/register/": 200, "/healthz": 200, "/readyz": 200, "/metrics": 200,
			"/favicon.ico": 200, "/no/such/page": 404, "/static/js/htmx.min.js": 200, "/static/nope.js": 404,
		} {
			if r := c.Get(path); r.StatusCode != want {
				t.Errorf("GET %s: %d, want %d", path, r.StatusCode, want)
			}
		}
		for _, p := range []string{"/profile/1/", "/logout/"} {
			r := c.Get(p)
			if r.StatusCode != http.StatusFound || r.Header.Get("Location") != "/login/?next="+url.QueryEscape(p) {
				t.Errorf("anonymous GET %s: %d to %q", p, r.StatusCode, r.Header.Get("Location"))
			}
		}
		nf := c.Get("/no/such/page")
		if !strings.Contains(nf.Body, "404") || !strings.Contains(nf.Body, `class="navbar"`) {
			t.Error("404 is not the site's error page")
		}
		if m := c.Get("/metrics"); !strings.Contains(m.Body, `stonks_http_requests_total{method="GET",route="unmatched",status="404"}`) ||
			!strings.Contains(m.Body, `stonks_http_request_duration_seconds_bucket{method="GET",route="/login/"`) {
			t.Errorf("metrics lack route/status series:\n%s", grep(m.Body, "stonks_http_requests_total"))
		}
		if c.Get("/healthz").Header.Get("Set-Cookie") != "" {
			t.Error("/healthz sets a cookie")
		}
	})
}

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestLanguageAndTheme(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		srv := apptest.New(t, store, nil)
		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "en-US,en;q=0.9")
		if r := c.Get("/login/"); !strings.Contains(r.Body, `<html lang="en"`) || !strings.Contains(r.Body, ">Log in</h1>") {
			t.Fatal("English browser does not get English")
		}
		r := c.Get("/prefs?lang=pt-BR&next=/login/")
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login/" {
			t.Fatalf("switch: %d %q", r.StatusCode, r.Header.Get("Location"))
		}
		if r := c.Get("/login/"); !strings.Contains(r.Body, `<html lang="pt-BR"`) || !strings.Contains(r.Body, ">Entrar</h1>") {
			t.Fatal("switching to Portuguese did not stick")
		}
		if r := c.Get("/prefs?theme=dark&next=https://evil.example/"); r.Header.Get("Location") != "/" {
			t.Fatalf("prefs followed a foreign next: %q", r.Header.Get("Location"))
		}
		if r := c.Get("/"); !strings.Contains(r.Body, `data-theme="dark"`) {
			t.Fatal("dark theme not applied")
		}
		c.Get("/prefs?theme=system")
		if r := c.Get("/"); strings.Contains(r.Body, `data-theme=`) {
			t.Fatal("system theme still forces a theme")
		}
	})
}

func TestSecureCookiesOnHTTPS(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		cfg := apptest.Config(t)
		cfg.BaseURL = "https://stonks.example"
		srv := apptest.New(t, store, &cfg)
		c := apptest.NewClient(t, srv)
		r := c.Get("/login/")
		for _, ck := range r.Cookies() {
			if !ck.Secure {
				t.Errorf("cookie %s is not Secure under an https BASE_URL", ck.Name)
			}
		}
	})
}
