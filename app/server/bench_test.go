package server_test

import (
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db/dbtest"
	"github.com/valyala/fasthttp"
)

// BenchmarkLoginPage runs GET /login/ straight through the app's fasthttp
// handler (no socket), to weigh middleware costs such as Fiber's Immutable.
func BenchmarkLoginPage(b *testing.B) {
	// SQLite: a benchmark of the request path, measured on the default database.
	srv := apptest.New(b, dbtest.SQLite(b), nil)
	h := srv.App.Handler()
	var ctx fasthttp.RequestCtx
	for b.Loop() {
		ctx.Request.Reset()
		ctx.Response.Reset()
		ctx.Request.SetRequestURI("/login/?next=/forum/")
		ctx.Request.Header.Set("Accept-Language", "en-US,en;q=0.9")
		ctx.Request.Header.SetCookie("stonks_lang", "en")
		h(&ctx)
		if ctx.Response.StatusCode() != 200 {
			b.Fatal(ctx.Response.StatusCode())
		}
	}
}
