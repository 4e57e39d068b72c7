package alerts_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

// Thresholds are read in the page's language: in pt-BR "1.000" is one
// thousand (it was stored as R$ 1,00), in English "1,000" is; a number that
// the page's language does not write that way is refused (422, nothing
// stored), and so is a sub-cent or absurd threshold.
func TestAlertPricesInThePagesLanguage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		for _, lang := range []struct {
			code, user string
			good       map[string]string // typed → stored
			bad        map[string]string // typed → message
		}{
			{"pt-BR", "ana", map[string]string{
				"1.000": "1000", "10.000": "10000", "R$ 1.000,00": "1000", "1.234,56": "1234.56", "1234,5": "1234.5",
				"1.000.000": "1000000", "\u00a012,3 ": "12.3",
			}, map[string]string{
				"1.5":              "Use vírgula para decimais: 1,5 ou 1.000,50.",
				"10.00":            "Use vírgula para decimais: 1,5 ou 1.000,50.",
				"1.00,5":           "Use vírgula para decimais: 1,5 ou 1.000,50.",
				"1,234.56":         "Use vírgula para decimais: 1,5 ou 1.000,50.",
				"12,345":           "Use no máximo 2 casas decimais.",
				"doze":             "Informe um número, ex.: 12,50.",
				"1.000.000.000,01": "Informe um preço de no máximo R$ 1.000.000.000,00.",
				"-1":               "O preço de compra deve ser zero ou mais.",
			}},
			{"en", "bob", map[string]string{
				"1,000": "1000", "R$1,000.00": "1000", "1,234.56": "1234.56", "1.5": "1.5", "1000000000": "1000000000",
			}, map[string]string{
				"1,5":           "Use a point for decimals: 1.5 or 1,000.50.",
				"1.234,56":      "Use a point for decimals: 1.5 or 1,000.50.",
				"12.345":        "Use at most 2 decimal places.",
				"1000000000.01": "Enter a price of at most R$1,000,000,000.00.",
			}},
		} {
			c := client(t, srv, lang.user, lang.code)
			for typed, want := range lang.good {
				r := c.Post("/create-alert/", alertForm("compra", typed, "venda", ""))
				if r.StatusCode != http.StatusSeeOther {
					t.Errorf("%s buy %q: %d %v", lang.code, typed, r.StatusCode, apptest.FieldErrors(r.Body))
					continue
				}
				rows := alertsOf(t, srv, lang.user)
				if got := rows[0].BuyPrice.Decimal; !got.Equal(dec(want)) {
					t.Errorf("%s buy %q stored as %s, want %s", lang.code, typed, got, want)
				}
				// The sell side reads the same way.
				r = c.Post("/update-alert/"+itoa(rows[0].ID)+"/", alertForm("compra", "", "venda", typed))
				if r.StatusCode != http.StatusSeeOther {
					t.Errorf("%s sell %q: %d %v", lang.code, typed, r.StatusCode, apptest.FieldErrors(r.Body))
				} else if got := alertsOf(t, srv, lang.user)[0].SellPrice.Decimal; !got.Equal(dec(want)) {
					t.Errorf("%s sell %q stored as %s, want %s", lang.code, typed, got, want)
				}
				c.Post("/delete-alert/"+itoa(rows[0].ID)+"/", nil)
			}
			for typed, want := range lang.bad {
				r := c.Post("/create-alert/", alertForm("compra", typed, "venda", ""))
				if r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "compra") != want {
					t.Errorf("%s buy %q: %d %q, want 422 %q", lang.code, typed, r.StatusCode, apptest.FieldError(r.Body, "compra"), want)
				}
			}
			if n := len(alertsOf(t, srv, lang.user)); n != 0 {
				t.Fatalf("%s: %d alerts left", lang.code, n)
			}
		}
		// A form refused for another field shows the prices as they were read.
		c := client(t, srv, "caio", "pt-BR")
		r := c.Post("/create-alert/", alertForm("compra", "1.000", "venda", "R$ 2.000,5", "periodo", "0"))
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `name="compra" type="text" value="1.000,00"`) ||
			!strings.Contains(r.Body, `name="venda" type="text" value="2.000,50"`) {
			t.Fatalf("re-rendered form does not show the values read: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
	})
}
