// Package apptest runs the whole app in-process for handler tests: a server
// on a test database, and a client with a cookie jar that sends the CSRF
// token like a browser's form would.
package apptest

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/config"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// Config is the configuration tests start from (the embedded defaults).
func Config(t testing.TB) config.Config {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.MailDir = t.TempDir() // not data/mail inside the source tree
	return cfg
}

// New builds a server on store with cfg (nil: the defaults).
func New(t testing.TB, store *db.Store, cfg *config.Config, opts ...server.Option) *server.Server {
	t.Helper()
	c := Config(t)
	if cfg != nil {
		c = *cfg
	}
	srv, err := server.New(c, store, slog.New(slog.NewTextHandler(io.Discard, nil)), opts...)
	if err != nil {
		t.Fatal(err)
	}
	// Registered before Listen's cleanup, so it runs after the server stops;
	// the PostgreSQL broker holds a connection.
	t.Cleanup(srv.Close)
	return srv
}

// Each runs fn against a fresh server on every test database.
func Each(t *testing.T, fn func(t *testing.T, srv *server.Server)) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) { fn(t, New(t, store, nil)) })
}

// Client is a browser-like client: it keeps cookies and fills in _csrf.
type Client struct {
	t    testing.TB
	srv  *server.Server
	Jar  *cookiejar.Jar
	base *url.URL
	// Header is added to every request (Accept-Language, HX-Request…).
	Header http.Header
}

// Response is a response with its body read.
type Response struct {
	*http.Response
	Body string
}

// NewClient makes a client with an empty cookie jar.
func NewClient(t testing.TB, srv *server.Server) *Client {
	jar, _ := cookiejar.New(nil)
	base, _ := url.Parse("http://stonks.test")
	return &Client{t: t, srv: srv, Jar: jar, base: base, Header: http.Header{}}
}

// Do sends req through the app, keeping cookies; redirects are not followed.
func (c *Client) Do(req *http.Request) *Response {
	c.t.Helper()
	for k, v := range c.Header {
		if req.Header.Get(k) == "" {
			req.Header[k] = v
		}
	}
	for _, ck := range c.Jar.Cookies(c.base) {
		req.AddCookie(ck)
	}
	resp, err := c.srv.App.Test(req, -1)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	c.Jar.SetCookies(c.base, resp.Cookies())
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return &Response{Response: resp, Body: string(b)}
}

// Get requests path.
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "http://stonks.test"+path, nil)
	return c.Do(req)
}

// Post submits a form with the client's CSRF token, as the page's form would.
// It first GETs / when the client has no CSRF cookie yet.
func (c *Client) Post(path string, form url.Values) *Response {
	c.t.Helper()
	if c.Cookie("stonks_csrf") == "" {
		c.Get("/")
	}
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	if !f.Has("_csrf") {
		f.Set("_csrf", c.Cookie("stonks_csrf"))
	}
	return c.PostRaw(path, f)
}

// PostRaw submits a form exactly as given (no CSRF token added).
func (c *Client) PostRaw(path string, form url.Values) *Response {
	c.t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, "http://stonks.test"+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.Do(req)
}

// Cookie returns the value of a cookie in the jar.
func (c *Client) Cookie(name string) string {
	for _, ck := range c.Jar.Cookies(c.base) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// Register signs up a user (password "correct horse 42") and stays logged in.
func (c *Client) Register(username string) *Response {
	c.t.Helper()
	r := c.Post("/register/", url.Values{
		"username": {username}, "email": {username + "@example.com"},
		"password1": {Password}, "password2": {Password},
	})
	if r.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("register %s: status %d\n%s", username, r.StatusCode, FieldErrors(r.Body))
	}
	return r
}

// Password is the password Register uses.
const Password = "correct horse 42"

var fieldError = regexp.MustCompile(`<p class="(?:field|form)-error"[^>]*>([^<]*)</p>`)

// FieldErrors lists the error messages shown in a page, for failure output.
func FieldErrors(body string) []string {
	var out []string
	for _, m := range fieldError.FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// FieldError returns the message shown next to a field ("" when none).
func FieldError(body, field string) string {
	re := regexp.MustCompile(`<p class="field-error" id="f-` + regexp.QuoteMeta(field) + `-error">([^<]*)</p>`)
	if m := re.FindStringSubmatch(body); m != nil {
		return html.UnescapeString(m[1])
	}
	return ""
}

// Listen serves srv on a free loopback port until the test ends and returns
// its base URL, for tests that need real connections (streams, browsers).
func Listen(t testing.TB, srv *server.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}
