package tracker_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

func TestNavbarSearchByCompanyName(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "pt-BR")
		c.Register("nina")
		for q, want := range map[string][]string{
			"petrobras":       {"PETR3", "PETR4"},
			"Banco do Brasil": {"BBAS3"},
			"itau":            {"ITUB4", "ITSA4"},
			"vale3 Itaú":      {"VALE3", "ITUB4"}, // no asset is named both: word by word
		} {
			page := c.Get("/stocktracker?stockpicker=" + url.QueryEscape(q))
			if page.StatusCode != http.StatusOK {
				t.Fatalf("%q: status %d", q, page.StatusCode)
			}
			for _, tk := range want {
				if !strings.Contains(page.Body, `id="`+tk+`_price"`) {
					t.Errorf("navbar search %q does not show %s", q, tk)
				}
			}
			if strings.Contains(page.Body, "Não é um ativo") {
				t.Errorf("navbar search %q says 'not a ticker'", q)
			}
		}
		if page := c.Get("/stocktracker?stockpicker=PETR4+VALE3"); !strings.Contains(page.Body, `id="VALE3_price"`) || !strings.Contains(page.Body, `id="PETR4_price"`) {
			t.Error("tickers separated by a space are no longer read as tickers")
		}
		if page := c.Get("/stocktracker?stockpicker=xyzzy"); !strings.Contains(page.Body, "Não é um ativo") {
			t.Error("a name that matches nothing is not reported")
		}
		many := c.Get("/stocktracker?stockpicker=energia")
		if n := strings.Count(many.Body, `_price"`); n != 10 {
			t.Errorf("'energia' shows %d rows, want the first 10", n)
		}
		if !strings.Contains(many.Body, `href="/stockpicker/IBOV?q=energia"`) || !strings.Contains(many.Body, "mostrando os 10 primeiros") {
			t.Error("more than 10 matches: no link to the picker filtered by the words")
		}
	})
}

func TestPickerFilterIgnoresAccentsAndCountsSelected(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "pt-BR")
		c.Register("otto")
		for _, q := range []string{"itau", "ITAU", "Itaú"} {
			page := c.Get("/stockpicker/IBOV?q=" + url.QueryEscape(q))
			if !strings.Contains(page.Body, `value="ITUB4"`) || !strings.Contains(page.Body, `value="ITSA4"`) {
				t.Errorf("picker filter %q misses Itaú", q)
			}
		}
		// PETR4 is hidden by the filter but still picked: it counts.
		page := c.Get("/stockpicker/IBOV?q=itau&stockpicker=PETR4&stockpicker=ITUB4")
		if !strings.Contains(page.Body, `aria-live="polite">2 selecionados</output>`) {
			t.Error("picker does not show '2 selecionados'")
		}
		if page := c.Get("/stockpicker/IBOV?stockpicker=PETR4"); !strings.Contains(page.Body, `>1 selecionado</output>`) {
			t.Error("picker does not show '1 selecionado'")
		}
		if page := c.Get("/stockpicker/IBOV"); !strings.Contains(page.Body, `>0 selecionados</output>`) {
			t.Error("picker does not show '0 selecionados'")
		}
	})
}
