package wallet_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/server"
)

func userIn(t *testing.T, srv *server.Server, name, lang string) (*apptest.Client, int64) {
	t.Helper()
	c, id := user(t, srv, name)
	c.Header.Set("Accept-Language", lang)
	return c, id
}

// Every number of the holding form is read in the page's language: in
// pt-BR "1.000" is one thousand (it was stored as R$ 1,00), in English
// "1,000" is; what the language does not write that way is refused with a
// message that shows how, and nothing is stored.
func TestWalletNumbersInThePagesLanguage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		type good struct {
			pm, qnt, nota, wantPM, wantNota string
			wantQnt                         int64
		}
		type bad struct {
			field, want string
			form        url.Values
		}
		for _, lang := range []struct {
			code, user string
			good       []good
			bad        []bad
		}{
			{"pt-BR", "ana", []good{
				{"1.000", "1.000", "2,5", "1000", "2.5", 1000},
				{"R$ 1.234,56", "10", "1", "1234.56", "1", 10},
				{"12,345", "1.000.000", "0,25", "12.345", "0.25", 1_000_000},
				{"\u00a0R$\u00a010.000,00 ", "0", "10.000", "10000", "10000", 0},
			}, []bad{
				{"preco_medio", "Use vírgula para decimais: 1,5 ou 1.000,50.", holding("PETR4", "1.5", "1", "1")},
				{"preco_medio", "Use vírgula para decimais: 1,5 ou 1.000,50.", holding("PETR4", "10.00", "1", "1")},
				{"preco_medio", "Use vírgula para decimais: 1,5 ou 1.000,50.", holding("PETR4", "1.00,5", "1", "1")},
				{"preco_medio", "Informe um número, ex.: 12,50.", holding("PETR4", "doze", "1", "1")},
				{"preco_medio", "Use no máximo 8 casas decimais.", holding("PETR4", "1,123456789", "1", "1")},
				{"preco_medio", "Informe um preço de no máximo R$ 1.000.000.000,00.", holding("PETR4", "1.000.000.000,01", "1", "1")},
				{"quantidade", "Informe um número inteiro de cotas, ex.: 100.", holding("PETR4", "10", "1,5", "1")},
				{"quantidade", "Use vírgula para decimais: 1,5 ou 1.000,50.", holding("PETR4", "10", "1.5", "1")},
				{"quantidade", "Informe no máximo 1.000.000.000.000 cotas.", holding("PETR4", "1", "1.000.000.000.001", "1")},
				{"quantidade", "Uma posição pode valer no máximo R$ 1.000.000.000.000,00 (preço médio × quantidade).", holding("PETR4", "1.000", "1.000.000.000.000", "1")},
				{"nota", "Use vírgula para decimais: 1,5 ou 1.000,50.", holding("PETR4", "10", "1", "0.5")},
				{"nota", "Informe uma nota de no máximo 1.000.000.000.", holding("PETR4", "10", "1", "1.000.000.001")},
			}},
			{"en", "bob", []good{
				{"1,000", "1,000", "2.5", "1000", "2.5", 1000},
				{"R$1,234.56", "10", "1", "1234.56", "1", 10},
				{"1.000", "1", "1", "1", "1", 1},
				{"12.345", "1,000,000", "0.25", "12.345", "0.25", 1_000_000},
			}, []bad{
				{"preco_medio", "Use a point for decimals: 1.5 or 1,000.50.", holding("PETR4", "1,5", "1", "1")},
				{"preco_medio", "Use a point for decimals: 1.5 or 1,000.50.", holding("PETR4", "1.234,56", "1", "1")},
				{"preco_medio", "Enter a number, e.g. 12.50.", holding("PETR4", "1e3", "1", "1")},
				{"quantidade", "Enter a whole number of shares, e.g. 100.", holding("PETR4", "10", "1.5", "1")},
				{"quantidade", "The quantity cannot be negative.", holding("PETR4", "10", "-1,000", "1")},
				{"quantidade", "A holding can be worth at most R$1,000,000,000,000.00 (average price × quantity).", holding("PETR4", "1000.01", "1,000,000,000", "1")},
				{"nota", "Use a point for decimals: 1.5 or 1,000.50.", holding("PETR4", "10", "1", "0,5")},
			}},
		} {
			c, uid := userIn(t, srv, lang.user, lang.code)
			for _, g := range lang.good {
				add(t, c, holding("PETR4", g.pm, g.qnt, g.nota))
				its := items(t, srv, uid)
				if len(its) != 1 || !its[0].PrecoMedio.Equal(decimal.RequireFromString(g.wantPM)) || its[0].Quantidade != g.wantQnt ||
					!its[0].Nota.Equal(decimal.RequireFromString(g.wantNota)) {
					t.Errorf("%s %q %q %q stored as %+v", lang.code, g.pm, g.qnt, g.nota, its)
				}
				// The edit form reads back as the same numbers.
				id := strconv.FormatInt(its[0].ID, 10)
				edit := c.Get("/update-carteira/" + id + "/")
				pm, qnt, nota := inputValue(edit.Body, "preco_medio"), inputValue(edit.Body, "quantidade"), inputValue(edit.Body, "nota")
				if r := c.Post("/update-carteira/"+id+"/", holding("PETR4", pm, qnt, nota)); r.StatusCode != http.StatusSeeOther {
					t.Errorf("%s: the edit form's own values %q %q %q are refused: %v", lang.code, pm, qnt, nota, apptest.FieldErrors(r.Body))
				} else if again := items(t, srv, uid)[0]; !again.PrecoMedio.Equal(its[0].PrecoMedio) || again.Quantidade != its[0].Quantidade || !again.Nota.Equal(its[0].Nota) {
					t.Errorf("%s: saving the edit form unchanged changed %+v to %+v", lang.code, its[0], again)
				}
				c.Post("/delete-carteira/"+id+"/", nil)
			}
			for _, b := range lang.bad {
				r := c.Post("/create-carteira/", b.form)
				if r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, b.field) != b.want {
					t.Errorf("%s %v: %d %s %q, want 422 %q", lang.code, b.form, r.StatusCode, b.field, apptest.FieldError(r.Body, b.field), b.want)
				}
			}
			if n := len(items(t, srv, uid)); n != 0 {
				t.Fatalf("%s: %d holdings left", lang.code, n)
			}
		}
		// A form refused for one field shows the others as they were read.
		c, _ := userIn(t, srv, "caio", "pt-BR")
		r := c.Post("/create-carteira/", holding("XXXX3", "1.000", "2.000", "1,5"))
		if r.StatusCode != http.StatusUnprocessableEntity || inputValue(r.Body, "preco_medio") != "1.000,00" ||
			inputValue(r.Body, "quantidade") != "2.000" || inputValue(r.Body, "nota") != "1,5" {
			t.Fatalf("refused form shows %q %q %q", inputValue(r.Body, "preco_medio"), inputValue(r.Body, "quantidade"), inputValue(r.Body, "nota"))
		}
	})
}

// An average price keeps its decimals and the table shows all of them.
func TestWalletAveragePriceDecimals(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		seedQuotes(t, srv, "PETR4", "30")
		c, _ := userIn(t, srv, "ana", "pt-BR")
		add(t, c, holding("PETR4", "12,345", "1.000", "1"))
		r := c.Get("/carteira")
		if got := cell(t, r.Body, "PETR4_pm"); got != "R$ 12,345" {
			t.Errorf("PETR4_pm = %q, want R$ 12,345", got)
		}
		if got := cell(t, r.Body, "PETR4_qnt"); got != "1.000" {
			t.Errorf("PETR4_qnt = %q", got)
		}
		c.Header.Set("Accept-Language", "en")
		if got := cell(t, c.Get("/carteira").Body, "PETR4_pm"); got != "R$12.345" {
			t.Errorf("en PETR4_pm = %q, want R$12.345", got)
		}
	})
}

// The contribution is read in the page's language, in whole cents, up to
// R$ 1 trillion, and shown back as read; the plan at the bound finishes.
func TestWalletContributionNumbers(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		seedQuotes(t, srv, "PETR4", "0.01", "VALE3", "4999.99")
		for _, lang := range []struct {
			code, user string
			good       map[string]string // typed → spent + left, shown back
			bad        map[string]string
		}{
			{"pt-BR", "ana", map[string]string{"1.000": "1.000,00", "R$ 1.000,00": "1.000,00", "10.000,5": "10.000,50", "1.000.000.000.000": "1.000.000.000.000,00"},
				map[string]string{
					"1.5":                  "Use vírgula para decimais: 1,5 ou 1.000,50.",
					"1.000,005":            "Use no máximo 2 casas decimais.",
					"0,00":                 "O valor deve ser maior que zero.",
					"1.000.000.000.000,01": "Informe um valor de no máximo R$ 1.000.000.000.000,00.",
					"mil":                  "Informe um número, ex.: 12,50.",
				}},
			{"en", "bob", map[string]string{"1,000": "1,000.00", "R$1,000.00": "1,000.00", "1.5": "1.50", "1000000000000": "1,000,000,000,000.00"},
				map[string]string{
					"1,5":    "Use a point for decimals: 1.5 or 1,000.50.",
					"12.345": "Use at most 2 decimal places.",
					"-3":     "The amount must be greater than zero.",
					"1e12":   "Enter a number, e.g. 12.50.",
				}},
		} {
			c, _ := userIn(t, srv, lang.user, lang.code)
			add(t, c, holding("PETR4", "1", "1", "1"))
			add(t, c, holding("VALE3", "1", "1", "1"))
			for typed, shown := range lang.good {
				done := make(chan *apptest.Response, 1)
				go func() { done <- c.Get("/carteira?aporte=" + url.QueryEscape(typed)) }()
				var r *apptest.Response
				select {
				case r = <-done:
				case <-time.After(time.Minute):
					t.Fatalf("%s: the plan for %q did not finish", lang.code, typed)
				}
				if r.StatusCode != http.StatusOK {
					t.Errorf("%s aporte %q: %d %v", lang.code, typed, r.StatusCode, apptest.FieldErrors(r.Body))
					continue
				}
				if got := inputValue(r.Body, "aporte"); got != shown {
					t.Errorf("%s aporte %q shown back as %q, want %q", lang.code, typed, got, shown)
				}
				amount, _ := parseMoney(lang.code, shown)
				spent, _ := parseMoney(lang.code, strings.TrimPrefix(strings.TrimPrefix(cell(t, r.Body, "plan_spent"), "R$"), " "))
				left, _ := parseMoney(lang.code, strings.TrimPrefix(strings.TrimPrefix(cell(t, r.Body, "plan_left"), "R$"), " "))
				if !spent.Add(left).Equal(amount) || left.IsNegative() {
					t.Errorf("%s aporte %q: spent %s + left %s is not %s", lang.code, typed, spent, left, amount)
				}
			}
			for typed, want := range lang.bad {
				r := c.Get("/carteira?aporte=" + url.QueryEscape(typed))
				if r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "aporte") != want {
					t.Errorf("%s aporte %q: %d %q, want 422 %q", lang.code, typed, r.StatusCode, apptest.FieldError(r.Body, "aporte"), want)
				}
			}
		}
	})
}

// CSV numbers follow the file's convention whatever the page's language:
// semicolons go with decimal commas (1.000 is a thousand), commas with
// decimal points; a number written the other way is refused, all or nothing.
func TestWalletImportNumbers(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		for _, lang := range []struct{ code, user, sepMsg string }{
			{"pt-BR", "ana", "Linha 2: preco_medio: Use ponto para decimais: 1.5 ou 1,000.50."},
			{"en", "bob", "Line 2: preco_medio: Use a point for decimals: 1.5 or 1,000.50."},
		} {
			c, uid := userIn(t, srv, lang.user, lang.code)
			if r := upload(t, c, "ativo;preco_medio;quantidade;nota\nPETR4;1.000,5;1.000;2,5\nVALE3;12,345;10;1\n"); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s semicolon import: %d %s", lang.code, r.StatusCode, r.Body)
			}
			its := items(t, srv, uid)
			if len(its) != 2 || !its[0].PrecoMedio.Equal(decimal.RequireFromString("1000.5")) || its[0].Quantidade != 1000 ||
				!its[0].Nota.Equal(decimal.RequireFromString("2.5")) || !its[1].PrecoMedio.Equal(decimal.RequireFromString("12.345")) {
				t.Fatalf("%s semicolon import stored %+v", lang.code, its)
			}
			if r := upload(t, c, "ativo,preco_medio,quantidade,nota\nPETR4,\"1,000.5\",\"2,000\",3.5\n"); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s comma import: %d %s", lang.code, r.StatusCode, r.Body)
			}
			if its = items(t, srv, uid); !its[0].PrecoMedio.Equal(decimal.RequireFromString("1000.5")) || its[0].Quantidade != 2000 || !its[0].Nota.Equal(decimal.RequireFromString("3.5")) {
				t.Fatalf("%s comma import stored %+v", lang.code, its[0])
			}
			before := c.Get("/carteira/export.csv").Body
			r := upload(t, c, "ativo,preco_medio,quantidade,nota\nPETR4,\"1,5\",1,1\n")
			if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(r.Body), lang.sepMsg) {
				t.Errorf("%s: decimal comma in a comma file: %d, want %q", lang.code, r.StatusCode, lang.sepMsg)
			}
			if r := upload(t, c, "PETR4;1.5;1;1\n"); r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: decimal point in a semicolon file: %d", lang.code, r.StatusCode)
			}
			if after := c.Get("/carteira/export.csv").Body; after != before {
				t.Fatalf("%s: a refused import wrote:\n%s", lang.code, after)
			}
		}
	})
}

// inputValue is the value of the form input named name, unescaped.
func inputValue(body, name string) string {
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(name) + `"[^>]*value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// parseMoney reads a figure of the page back, with the app's own parser.
func parseMoney(lang, s string) (decimal.Decimal, i18n.NumErr) {
	return i18n.ParseDecimal(i18n.Get(lang), s)
}
