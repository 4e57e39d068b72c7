package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// A chunked body over the limit is refused with 413, and the answer leaves
// the browser's CSRF cookie alone: a new one would break every form already
// open in other tabs.
func TestTooLargeChunkedBodyKeepsCSRFCookie(t *testing.T) {
	// SQLite only: what is tested happens in fasthttp and the middleware,
	// before any query, so a PostgreSQL run would test the same code twice.
	srv := apptest.New(t, dbtest.SQLite(t), nil)
	base := apptest.Listen(t, srv)
	page, err := http.Get(base + "/login/")
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	var csrf *http.Cookie
	for _, ck := range page.Cookies() {
		if ck.Name == "stonks_csrf" {
			csrf = ck
		}
	}
	if csrf == nil {
		t.Fatal("the login page set no CSRF cookie")
	}
	// A chunked body: a first chunk with the form, then one announcing more
	// than the limit, which the server refuses before reading it.
	first := "_csrf=" + csrf.Value + "&username="
	resp := rawResponse(t, strings.TrimPrefix(base, "http://"), "POST /login/ HTTP/1.1\r\nHost: stonks.test\r\n"+
		"Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"+
		"Cookie: stonks_csrf="+csrf.Value+"\r\n\r\n"+
		fmt.Sprintf("%x\r\n%s\r\n%x\r\n", len(first), first, server.BodyLimit+10))
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("chunked body over 1 MiB: %d, want 413", resp.StatusCode)
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == "stonks_csrf" {
			t.Fatalf("413 answer sets a new CSRF cookie %q (the browser had %q)", ck.Value, csrf.Value)
		}
	}
}
