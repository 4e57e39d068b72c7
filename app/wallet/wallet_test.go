package wallet_test

import (
	"bytes"
	"context"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/app/wallet"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/data"
)

// seedQuotes stores prices so the quote service finds them before asking
// the (simulated) provider.
func seedQuotes(t *testing.T, srv *server.Server, kv ...string) {
	t.Helper()
	var qs []db.Quote
	for i := 0; i < len(kv); i += 2 {
		p := decimal.RequireFromString(kv[i+1])
		qs = append(qs, db.Quote{Ticker: kv[i], Price: p, PrevClose: p, Open: p, DayLow: p, DayHigh: p, Low52: p, High52: p, At: time.Now()})
	}
	// Served as they are: fetched (by their time) within the quote interval.
	srv.Quotes.MaxAge = time.Hour
	if err := srv.Env.Store.SaveQuotes(context.Background(), qs); err != nil {
		t.Fatal(err)
	}
}

func user(t *testing.T, srv *server.Server, name string) (*apptest.Client, int64) {
	t.Helper()
	c := apptest.NewClient(t, srv)
	c.Header.Set("Accept-Language", "en")
	c.Register(name)
	u, err := srv.Env.Store.UserByUsername(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return c, u.ID
}

func holding(ativo, pm, qnt, nota string) url.Values {
	return url.Values{"ativo": {ativo}, "preco_medio": {pm}, "quantidade": {qnt}, "nota": {nota}}
}

func add(t *testing.T, c *apptest.Client, form url.Values) {
	t.Helper()
	if r := c.Post("/create-carteira/", form); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add %v: %d %v", form, r.StatusCode, apptest.FieldErrors(r.Body))
	}
}

func items(t *testing.T, srv *server.Server, uid int64) []db.WalletItem {
	t.Helper()
	its, err := srv.Env.Store.WalletItems(context.Background(), uid)
	if err != nil {
		t.Fatal(err)
	}
	return its
}

var tags = regexp.MustCompile(`<[^>]*>`)

// cell returns the text of the element with id, tags stripped.
func cell(t *testing.T, body, id string) string {
	t.Helper()
	re := regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `"[^>]*>(.*?)</(?:td|strong|p)>`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no element with id %q", id)
	}
	return strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(m[1], "")))
}

// The three holdings checked by hand in rebalance_test.go: totals 3000, 1000, 1000.
func threeHoldings(t *testing.T, srv *server.Server, c *apptest.Client) {
	seedQuotes(t, srv, "PETR4", "30", "VALE3", "50", "ITUB4", "40")
	add(t, c, holding("petr4", "25", "100", "5"))
	add(t, c, holding("VALE3.SA", "62.50", "20", "3"))
	add(t, c, holding("ITUB4", "40.00", "25", "2"))
}

func TestWalletTable(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c, _ := user(t, srv, "ana")
		threeHoldings(t, srv, c)
		r := c.Get("/carteira")
		if r.StatusCode != http.StatusOK {
			t.Fatalf("status %d", r.StatusCode)
		}
		want := map[string]string{
			"patrimonio": "R$5,000.00",
			"PETR4_nota": "5", "PETR4_preco": "R$30.00", "PETR4_pm": "R$25.00", "PETR4_qnt": "100", "PETR4_total": "R$3,000.00",
			"PETR4_quero": "50.00%", "PETR4_tenho": "60.00%", "PETR4_quero_din": "R$2,500.00", "PETR4_falta_din": "-R$500.00",
			"PETR4_ordem": "Sell", "PETR4_vol": "16", "PETR4_rm": "20.00%", "PETR4_fechamento": "R$30.00", "PETR4_change": "■ 0.00%",
			"VALE3_pm": "R$62.50", "VALE3_quero": "30.00%", "VALE3_tenho": "20.00%", "VALE3_quero_din": "R$1,500.00",
			"VALE3_falta_din": "R$500.00", "VALE3_ordem": "Buy", "VALE3_vol": "10", "VALE3_rm": "-20.00%",
			"ITUB4_falta_din": "R$0.00", "ITUB4_ordem": "Wait", "ITUB4_fiftytwo": "40.00 – 40.00",
		}
		for id, w := range want {
			if got := cell(t, r.Body, id); got != w {
				t.Errorf("%s = %q, want %q", id, got, w)
			}
		}
		// pt-BR formats money the Brazilian way.
		c.Header.Set("Accept-Language", "pt-BR")
		r = c.Get("/carteira")
		for _, h := range []string{"% alvo</abbr></a>", "% atual</abbr></a>", "Diferença</abbr></a>"} {
			if !strings.Contains(r.Body, h) {
				t.Errorf("no column heading %q", h)
			}
		}
		if i := strings.Index(r.Body, "%!"); i >= 0 {
			t.Errorf("broken format in page: %q", r.Body[max(0, i-40):i+20])
		}
		if got := cell(t, r.Body, "patrimonio"); got != "R$ 5.000,00" {
			t.Errorf("patrimonio in pt-BR = %q", got)
		}
		if got := cell(t, r.Body, "VALE3_ordem"); got != "Comprar" {
			t.Errorf("VALE3_ordem in pt-BR = %q", got)
		}
		if got := cell(t, r.Body, "PETR4_ordem"); got != "Vender" {
			t.Errorf("PETR4_ordem in pt-BR = %q", got)
		}
	})
}

// Less than one share missing is not "Buy 0": the row waits.
func TestWalletWaitsBelowOneShare(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c, _ := user(t, srv, "ana")
		// 300 and 250 held, 275 wanted each: VALE3 misses R$ 25 of a R$ 50 share, PETR4 is R$ 25 over a R$ 30 share.
		seedQuotes(t, srv, "PETR4", "30", "VALE3", "50")
		add(t, c, holding("PETR4", "30", "10", "1"))
		add(t, c, holding("VALE3", "50", "5", "1"))
		r := c.Get("/carteira")
		for id, w := range map[string]string{"VALE3_falta_din": "R$25.00", "VALE3_ordem": "Wait", "VALE3_vol": "0",
			"PETR4_falta_din": "-R$25.00", "PETR4_ordem": "Wait", "PETR4_vol": "0"} {
			if got := cell(t, r.Body, id); got != w {
				t.Errorf("%s = %q, want %q", id, got, w)
			}
		}
	})
}

func TestWalletMissingQuoteAndLive(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c, uid := user(t, srv, "ana")
		seedQuotes(t, srv, "PETR4", "30")
		add(t, c, holding("PETR4", "25", "10", "1"))
		// A holding whose quote the provider cannot give: stored directly, as if the asset were delisted later.
		if err := srv.Env.Store.CreateWalletItem(context.Background(), &db.WalletItem{UserID: uid, Ticker: "ZZZZ3",
			PrecoMedio: decimal.NewFromInt(1), Quantidade: 1000, Nota: decimal.NewFromInt(9)}, srv.Env.Now()); err != nil {
			t.Fatal(err)
		}
		r := c.Get("/carteira")
		if got := cell(t, r.Body, "patrimonio"); got != "R$300.00" {
			t.Errorf("patrimonio %q: the holding without a quote must be left out", got)
		}
		if got := cell(t, r.Body, "PETR4_quero"); got != "100.00%" {
			t.Errorf("PETR4_quero %q", got)
		}
		if got := cell(t, r.Body, "ZZZZ3_preco"); got != "no quote" {
			t.Errorf("ZZZZ3_preco %q", got)
		}
		// One rule, said on the page: no quote, no target, in the table, the plan and the weights pie alike.
		if !strings.Contains(r.Body, "1 without a quote: left out of the totals, the target weights, the plan and the weights pie") {
			t.Error("the page does not say how holdings without a quote are counted")
		}
		if p := c.Get("/carteira/pie/weights.svg"); strings.Contains(p.Body, "ZZZZ3") || !strings.Contains(p.Body, "PETR4 100.0%") {
			t.Errorf("weights pie keeps the holding without a quote:\n%.400s", p.Body)
		}
		if p := c.Get("/carteira?aporte=100&vender=1"); strings.Contains(p.Body, "ZZZZ3_plan") || cell(t, p.Body, "PETR4_plan_ordem") != "Buy" {
			t.Error("the plan trades the holding without a quote, or does not buy PETR4")
		}
		// Live: the page listens to the quote room of its tickers and re-fetches the table on their events.
		room := live.QuoteRoom("en", []string{"PETR4", "ZZZZ3"})
		if !strings.Contains(r.Body, `sse-connect="/sse?stream=`+room+`&amp;stream=user-`) ||
			!strings.Contains(r.Body, `hx-trigger="sse:quotes delay:300ms"`) ||
			!strings.Contains(r.Body, `hx-get="/carteira?fragment=table"`) {
			t.Fatal("the table does not subscribe to its quote room")
		}
		if !strings.Contains(r.Body, `<noscript><meta http-equiv="refresh" content="30"></noscript>`) {
			t.Error("no refresh for pages without JavaScript")
		}
		// The fragment htmx fetches: the table alone.
		c.Header.Set("HX-Request", "true")
		f := c.Get("/carteira?fragment=table")
		c.Header.Del("HX-Request")
		if f.StatusCode != http.StatusOK || strings.Contains(f.Body, "<html") || !strings.Contains(f.Body, `id="patrimonio"`) {
			t.Fatalf("fragment: %d %.200s", f.StatusCode, f.Body)
		}
	})
}

func TestWalletSort(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c, _ := user(t, srv, "ana")
		threeHoldings(t, srv, c)
		order := func(path string) string {
			body := c.Get(path).Body
			var out []string
			for _, m := range regexp.MustCompile(`<tr id="([A-Z0-9]+)_row"`).FindAllStringSubmatch(body, -1) {
				out = append(out, m[1])
			}
			return strings.Join(out, " ")
		}
		cases := map[string]string{
			"/carteira":                         "ITUB4 PETR4 VALE3",
			"/carteira?sort=falta_din":          "PETR4 ITUB4 VALE3",
			"/carteira?sort=falta_din&dir=desc": "VALE3 ITUB4 PETR4",
			"/carteira?sort=nota&dir=desc":      "PETR4 VALE3 ITUB4",
			"/carteira?sort=rm":                 "VALE3 ITUB4 PETR4",
			"/carteira?sort=nonsense":           "ITUB4 PETR4 VALE3",
		}
		for path, want := range cases {
			if got := order(path); got != want {
				t.Errorf("%s: %s, want %s", path, got, want)
			}
		}
		if !strings.Contains(c.Get("/carteira?sort=total").Body, `<a href="/carteira?dir=desc&amp;sort=total"><abbr title="Price × shares: what your holding is worth now.">Total</abbr> ↑</a>`) {
			t.Error("the active column's link does not flip the direction")
		}
	})
}

func TestWalletValidation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c, uid := user(t, srv, "ana")
		if r := c.Get("/carteira"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Your wallet is empty.") || strings.Contains(r.Body, `sse-connect="/sse?stream=quotes-`) {
			t.Fatalf("empty wallet page: %d", r.StatusCode)
		}
		if r := c.Get("/create-carteira/?ativo=VALE3"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `name="ativo" type="text" value="VALE3"`) {
			t.Fatalf("create page: %d", r.StatusCode)
		}
		if r := c.Get("/carteira/import"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `enctype="multipart/form-data"`) {
			t.Fatalf("import page: %d", r.StatusCode)
		}
		cases := []struct {
			name, field, want string
			form              url.Values
		}{
			{"unknown ticker", "ativo", "ABCD3 is not listed in IBOV or IFIX.", holding("ABCD3", "10", "1", "1")},
			{"not a ticker", "ativo", "Enter one ticker, e.g. PETR4.", holding("petrobras", "10", "1", "1")},
			{"two tickers", "ativo", "Enter one ticker, e.g. PETR4.", holding("PETR4 VALE3", "10", "1", "1")},
			{"empty ticker", "ativo", "This field is required.", holding("", "10", "1", "1")},
			{"zero price", "preco_medio", "The average price must be greater than zero.", holding("PETR4", "0.00", "1", "1")},
			{"negative price", "preco_medio", "The average price must be greater than zero.", holding("PETR4", "-1", "1", "1")},
			{"price not a number", "preco_medio", "Enter a number, e.g. 12.50.", holding("PETR4", "doze", "1", "1")},
			{"fractional quantity", "quantidade", "Enter a whole number of shares, e.g. 100.", holding("PETR4", "10", "1.5", "1")},
			{"negative quantity", "quantidade", "The quantity cannot be negative.", holding("PETR4", "10", "-3", "1")},
			{"negative weight", "nota", "The weight cannot be negative.", holding("PETR4", "10", "1", "-0.5")},
			{"empty weight", "nota", "This field is required.", holding("PETR4", "10", "1", "")},
		}
		for _, tc := range cases {
			r := c.Post("/create-carteira/", tc.form)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: status %d, want 422", tc.name, r.StatusCode)
			}
			if got := apptest.FieldError(r.Body, tc.field); got != tc.want {
				t.Errorf("%s: %s error %q, want %q", tc.name, tc.field, got, tc.want)
			}
		}
		if n := len(items(t, srv, uid)); n != 0 {
			t.Fatalf("%d holdings written by bad forms", n)
		}
		// Zero shares and zero weight are allowed; the value typed comes back on error.
		add(t, c, holding("HGLG11", "160.5", "0", "0"))
		// The same ticker again: refused next to the field, with a link to edit the one held.
		r := c.Post("/create-carteira/", holding("hglg11", "170", "10", "2"))
		held := items(t, srv, uid)
		if r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "ativo") != "You already hold HGLG11." ||
			!strings.Contains(r.Body, `<a href="/update-carteira/`+strconv.FormatInt(held[0].ID, 10)+`/">`) {
			t.Fatalf("duplicate: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if len(held) != 1 || !held[0].PrecoMedio.Equal(decimal.RequireFromString("160.5")) || held[0].Quantidade != 0 {
			t.Fatalf("duplicate changed the holding: %+v", held)
		}
		// Without the CSRF token: 403, nothing written.
		if r := c.PostRaw("/create-carteira/", holding("PETR4", "10", "1", "1")); r.StatusCode != http.StatusForbidden {
			t.Fatalf("no CSRF token: %d", r.StatusCode)
		}
		if n := len(items(t, srv, uid)); n != 1 {
			t.Fatalf("%d holdings after a POST without token", n)
		}
	})
}

func TestWalletUpdateDelete(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaID := user(t, srv, "ana")
		bia, _ := user(t, srv, "bia")
		add(t, ana, holding("PETR4", "25", "100", "5"))
		add(t, ana, holding("VALE3", "60", "10", "1"))
		its := items(t, srv, anaID)
		petr := strconv.FormatInt(its[0].ID, 10)
		before := items(t, srv, anaID)

		// Bia cannot see, change or delete Ana's holdings: 404 as if they did not exist.
		for _, r := range []*apptest.Response{
			bia.Get("/update-carteira/" + petr + "/"),
			bia.Post("/update-carteira/"+petr+"/", holding("PETR4", "1", "1", "1")),
			bia.Get("/delete-carteira/" + petr + "/"),
			bia.Post("/delete-carteira/"+petr+"/", nil),
			ana.Get("/update-carteira/999999/"),
		} {
			if r.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s: %d, want 404", r.Request.Method, r.Request.URL.Path, r.StatusCode)
			}
		}
		if after := items(t, srv, anaID); len(after) != 2 || !after[0].PrecoMedio.Equal(before[0].PrecoMedio) || after[0].Quantidade != 100 {
			t.Fatalf("another user changed Ana's wallet: %+v", after)
		}

		// Ana edits: the form is filled, a change is saved.
		if r := ana.Get("/update-carteira/" + petr + "/"); !strings.Contains(r.Body, `value="PETR4"`) || !strings.Contains(r.Body, `value="25.00"`) {
			t.Fatal("edit form not filled")
		}
		if r := ana.Post("/update-carteira/"+petr+"/", holding("PETR4", "26.10", "120", "4")); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("update: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		// Renaming to a ticker she holds: 422, unchanged.
		if r := ana.Post("/update-carteira/"+petr+"/", holding("VALE3", "1", "1", "1")); r.StatusCode != http.StatusUnprocessableEntity ||
			apptest.FieldError(r.Body, "ativo") != "You already hold VALE3." {
			t.Fatalf("rename onto a held ticker: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		got := items(t, srv, anaID)[0]
		if got.Ticker != "PETR4" || !got.PrecoMedio.Equal(decimal.RequireFromString("26.1")) || got.Quantidade != 120 || !got.Nota.Equal(decimal.NewFromInt(4)) {
			t.Fatalf("after update: %+v", got)
		}

		// Delete: GET confirms, POST without token refused, POST deletes.
		if r := ana.Get("/delete-carteira/" + petr + "/"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Remove PETR4 from your wallet?") {
			t.Fatalf("delete page: %d", r.StatusCode)
		}
		if r := ana.PostRaw("/delete-carteira/"+petr+"/", nil); r.StatusCode != http.StatusForbidden || len(items(t, srv, anaID)) != 2 {
			t.Fatalf("delete without token: %d", r.StatusCode)
		}
		if r := ana.Post("/delete-carteira/"+petr+"/", nil); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", r.StatusCode)
		}
		if left := items(t, srv, anaID); len(left) != 1 || left[0].Ticker != "VALE3" {
			t.Fatalf("after delete: %+v", left)
		}

		// Visitors are sent to log in.
		anon := apptest.NewClient(t, srv)
		for _, p := range []string{"/carteira", "/create-carteira/", "/carteira/export.csv", "/carteira/pie/weights.svg"} {
			if r := anon.Get(p); r.StatusCode != http.StatusFound || !strings.HasPrefix(r.Header.Get("Location"), "/login/?next=") {
				t.Errorf("%s without a session: %d %q", p, r.StatusCode, r.Header.Get("Location"))
			}
		}
	})
}

// upload posts a CSV file as the import form does.
func upload(t *testing.T, c *apptest.Client, content string) *apptest.Response {
	t.Helper()
	if c.Cookie("stonks_csrf") == "" {
		c.Get("/")
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("_csrf", c.Cookie("stonks_csrf"))
	fw, _ := w.CreateFormFile("file", "carteira.csv")
	_, _ = fw.Write([]byte(content))
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, "http://stonks.test/carteira/import", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

func TestWalletCSV(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaID := user(t, srv, "ana")
		bia, biaID := user(t, srv, "bia")
		add(t, ana, holding("PETR4", "25.37", "100", "5"))
		add(t, ana, holding("HGLG11", "160.123456", "3", "2.5"))
		add(t, ana, holding("VALE3", "62", "0", "0"))

		exp := ana.Get("/carteira/export.csv")
		if exp.StatusCode != http.StatusOK || !strings.HasPrefix(exp.Header.Get("Content-Type"), "text/csv") ||
			!strings.HasPrefix(exp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("export: %d %q %q", exp.StatusCode, exp.Header.Get("Content-Type"), exp.Header.Get("Content-Disposition"))
		}
		want := "ativo,preco_medio,quantidade,nota\nHGLG11,160.123456,3,2.5\nPETR4,25.37,100,5\nVALE3,62,0,0\n"
		if exp.Body != want {
			t.Fatalf("export:\n%s\nwant:\n%s", exp.Body, want)
		}

		// Round trip: Bia already holds PETR4 (updated by the import) and ITUB4 (left alone).
		add(t, bia, holding("PETR4", "10", "1", "1"))
		add(t, bia, holding("ITUB4", "30", "7", "1"))
		if r := upload(t, bia, exp.Body); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("import: %d %s", r.StatusCode, r.Body)
		}
		got := bia.Get("/carteira/export.csv").Body
		if wantBia := "ativo,preco_medio,quantidade,nota\nHGLG11,160.123456,3,2.5\nITUB4,30,7,1\nPETR4,25.37,100,5\nVALE3,62,0,0\n"; got != wantBia {
			t.Fatalf("after import:\n%s\nwant:\n%s", got, wantBia)
		}
		// Ana's rows are untouched by Bia's import of the same tickers.
		if again := ana.Get("/carteira/export.csv").Body; again != want {
			t.Fatalf("Bia's import changed Ana's wallet:\n%s", again)
		}

		// A spreadsheet's pt-BR export (semicolons, decimal commas, a BOM) reads the same.
		if r := upload(t, bia, "\xef\xbb\xbfativo;preco_medio;quantidade;nota\nPETR4;26,50;110;6\n"); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("semicolon import: %d %s", r.StatusCode, r.Body)
		}
		for _, it := range items(t, srv, biaID) {
			if it.Ticker == "PETR4" && (!it.PrecoMedio.Equal(decimal.RequireFromString("26.5")) || it.Quantidade != 110) {
				t.Fatalf("semicolon import: %+v", it)
			}
		}

		// All or nothing: one good line and bad ones write nothing and name the lines.
		before := bia.Get("/carteira/export.csv").Body
		r := upload(t, bia, "ativo,preco_medio,quantidade,nota\nBBAS3,20,10,1\nXXXX3,10,1,1\nITUB4,0,1,1\nITUB4,10,1.5,1\nPETR4,1,1\n")
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad import: %d", r.StatusCode)
		}
		for _, w := range []string{"Line 3: ativo: XXXX3 is not listed in IBOV or IFIX.", "Line 4: preco_medio: The average price must be greater than zero.",
			"Line 5: quantidade: Enter a whole number of shares, e.g. 100.", "Line 6: Expected 4 columns (ativo, preco_medio, quantidade, nota), found 3."} {
			if !strings.Contains(html.UnescapeString(r.Body), w) {
				t.Errorf("bad import does not say %q", w)
			}
		}
		if strings.Contains(r.Body, "Line 2") {
			t.Error("the good line is reported as bad")
		}
		if after := bia.Get("/carteira/export.csv").Body; after != before {
			t.Fatalf("a failed import wrote:\n%s", after)
		}
		if r := upload(t, bia, "PETR4,1,1,1\nPETR4,2,2,2\n"); r.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Body, "Line 2: PETR4 is already on line 1.") {
			t.Fatalf("duplicate lines: %d", r.StatusCode)
		}
		_ = anaID
	})
}

func TestWalletContributionAndPies(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c, _ := user(t, srv, "ana")
		threeHoldings(t, srv, c)
		// By hand (see rebalance_test.go): 16 VALE3 and 5 ITUB4 for exactly R$ 1.000.
		r := c.Get("/carteira?aporte=1000.00")
		if r.StatusCode != http.StatusOK {
			t.Fatalf("aporte: %d", r.StatusCode)
		}
		for id, w := range map[string]string{"plan_spent": "R$1,000.00", "plan_left": "R$0.00"} {
			if got := cell(t, r.Body, id); got != w {
				t.Errorf("%s = %q, want %q", id, got, w)
			}
		}
		for id, w := range map[string]string{"VALE3_plan_ordem": "Buy", "VALE3_plan_vol": "16", "ITUB4_plan_ordem": "Buy", "ITUB4_plan_vol": "5"} {
			if got := cell(t, r.Body, id); got != w {
				t.Errorf("%s = %q, want %q", id, got, w)
			}
		}
		if strings.Contains(r.Body, "PETR4_plan") || strings.Contains(r.Body, `name="vender" value="1" checked`) {
			t.Error("plan trades PETR4, or selling is on by default")
		}
		if got := cell(t, r.Body, "plan_proven"); got != "No other whole-share plan brings the wallet closer to its weights." {
			t.Errorf("plan_proven = %q", got)
		}
		// Rebalancing by selling (a plain GET form): PETR4 is R$ 500 over its R$ 2.500 target, so with
		// R$ 100 the plan sells PETR4 and buys VALE3/ITUB4 with the proceeds; without, it only buys.
		r = c.Get("/carteira?aporte=100&vender=1")
		if !strings.Contains(r.Body, `name="vender" value="1" checked`) || cell(t, r.Body, "PETR4_plan_ordem") != "Sell" ||
			cell(t, r.Body, "VALE3_plan_ordem") != "Buy" || cell(t, r.Body, "plan_received") == "R$0.00" {
			t.Errorf("selling plan:\n%s", regexp.MustCompile(`(?s)<table class="plan".*?</table>`).FindString(r.Body))
		}
		if r := c.Get("/carteira?aporte=100"); strings.Contains(r.Body, "PETR4_plan") || strings.Contains(r.Body, "plan_received") {
			t.Error("sold without being allowed to")
		}
		c.Header.Set("Accept-Language", "pt-BR")
		r = c.Get("/carteira?aporte=100&vender=1")
		c.Header.Set("Accept-Language", "en")
		if !strings.Contains(r.Body, "Rebalancear vendendo") || cell(t, r.Body, "PETR4_plan_ordem") != "Vender" ||
			!strings.Contains(r.Body, "O que comprar e vender com R$ 100,00") || strings.Contains(r.Body, "%!") {
			t.Error("the selling plan in pt-BR is not translated, or has a broken format")
		}
		if r := c.Get("/carteira?aporte=-5"); r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "aporte") != "The amount must be greater than zero." {
			t.Errorf("negative amount: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if !strings.Contains(r.Body, `<img src="/carteira/pie/weights.svg?lang=pt-BR"`) || !strings.Contains(r.Body, `<img src="/carteira/pie/markets.svg?lang=pt-BR"`) {
			t.Error("pies not on the page")
		}
		for path, labels := range map[string][]string{
			"/carteira/pie/weights.svg": {"PETR4 50.0%", "VALE3 30.0%", "ITUB4 20.0%"},
			"/carteira/pie/markets.svg": {"IBOV 100.0%"},
		} {
			p := c.Get(path)
			if p.StatusCode != http.StatusOK || p.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(p.Header.Get("Cache-Control"), "private") {
				t.Fatalf("%s: %d %q %q", path, p.StatusCode, p.Header.Get("Content-Type"), p.Header.Get("Cache-Control"))
			}
			for _, l := range labels {
				if !strings.Contains(p.Body, l) {
					t.Errorf("%s has no label %q", path, l)
				}
			}
		}
		// A fund moves part of the value to IFIX: 3 × 160 = 480 of 5480.
		seedQuotes(t, srv, "HGLG11", "160")
		add(t, c, holding("HGLG11", "150", "3", "1"))
		if p := c.Get("/carteira/pie/markets.svg"); !strings.Contains(p.Body, "IFIX 8.8%") || !strings.Contains(p.Body, "IBOV 91.2%") {
			t.Error("markets pie does not split IBOV 91.2% / IFIX 8.8%")
		}
	})
}

// A bare quote in the first field is a parse error before any record is
// read: the line number comes from the error, not from FieldPos (which
// panicked, 500). 422 "Not valid CSV.", nothing written.
func TestWalletImportBrokenCSV(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c, uid := user(t, srv, "ana")
		for _, content := range []string{`PE"TR4,10,1,1` + "\n", `"PETR4,10,1,1` + "\n", "ativo,preco_medio,quantidade,nota\nVALE3,1,1,1\nPE\"TR4,1,1,1\n"} {
			r := upload(t, c, content)
			if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Not valid CSV.") {
				t.Errorf("import %q: %d, want 422 Not valid CSV.", content, r.StatusCode)
			}
		}
		if its := items(t, srv, uid); len(its) != 0 {
			t.Fatalf("a broken file wrote %+v", its)
		}
	})
}

// The 100-holding cap was counted outside the insert's transaction, so
// parallel creates and imports on PostgreSQL went past it (101–180).
func TestWalletCapHoldsUnderParallelWrites(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c, uid := user(t, srv, "ana")
		assets := data.Assets()
		if len(assets) < wallet.MaxItems+60 {
			t.Fatalf("only %d assets", len(assets))
		}
		ctx := context.Background()
		for _, a := range assets[:wallet.MaxItems-10] {
			if err := srv.Env.Store.CreateWalletItem(ctx, &db.WalletItem{UserID: uid, Ticker: a.Ticker,
				PrecoMedio: decimal.NewFromInt(1), Quantidade: 1, Nota: decimal.NewFromInt(1)}, srv.Env.Now()); err != nil {
				t.Fatal(err)
			}
		}
		rest := assets[wallet.MaxItems-10:]
		var wg sync.WaitGroup
		var mu sync.Mutex
		statuses := map[int]int{}
		record := func(code int) { mu.Lock(); statuses[code]++; mu.Unlock() }
		for i := range 30 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				record(c.Post("/create-carteira/", holding(rest[i].Ticker, "10", "1", "1")).StatusCode)
			}()
		}
		for i := range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var b strings.Builder
				for _, a := range rest[30+5*i : 35+5*i] {
					b.WriteString(a.Ticker + ",10,1,1\n")
				}
				record(upload(t, c, b.String()).StatusCode)
			}()
		}
		wg.Wait()
		if n := len(items(t, srv, uid)); n > wallet.MaxItems {
			t.Fatalf("%d holdings after parallel writes, cap %d (answers %v)", n, wallet.MaxItems, statuses)
		}
		if statuses[http.StatusUnprocessableEntity] == 0 || statuses[http.StatusInternalServerError] > 0 {
			t.Fatalf("answers %v: want some 422 and no 500", statuses)
		}
	})
}
