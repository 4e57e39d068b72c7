package wallet_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

// The table's headings are plain words, each explained by an <abbr title>,
// in both languages; weights read as entered; a holding of 0 shares has no
// return to show.
func TestWalletHeadingsPlain(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c, _ := user(t, srv, "ana")
		seedQuotes(t, srv, "PETR4", "30", "VALE3", "50")
		add(t, c, holding("PETR4", "25", "100", "2"))
		add(t, c, holding("VALE3", "40", "0", "1.5"))
		header := regexp.MustCompile(`(?s)<thead>.*</thead>`)
		abbr := regexp.MustCompile(`<abbr title="([^"]+)">([^<]+)</abbr>`)
		for _, tc := range []struct {
			lang    string
			want    []string // headings that must be there
			jargon  []string // headings that must not
			weights [2]string
		}{
			{"en", []string{"Weight", "Average price", "Shares", "Target %", "Held %", "Target value", "Gap", "Shares to trade", "Return"},
				[]string{"Qnt", "Miss R$", "Want %", "Have %", "Avg", "Vol"}, [2]string{"2", "1.5"}},
			{"pt-BR", []string{"Peso", "Preço médio", "Cotas", "% alvo", "% atual", "Valor alvo", "Diferença", "Cotas a negociar", "Rentabilidade"},
				[]string{"Nota", "PM", "Quero %", "Tenho %", "Falta R$", "Vol", "Qtd", "Rentab."}, [2]string{"2", "1,5"}},
		} {
			c.Header.Set("Accept-Language", tc.lang)
			body := c.Get("/carteira").Body
			head := header.FindString(body)
			titled := map[string]string{}
			for _, m := range abbr.FindAllStringSubmatch(head, -1) {
				titled[m[2]] = m[1]
			}
			for _, h := range tc.want {
				if strings.TrimSpace(titled[h]) == "" {
					t.Errorf("%s: heading %q has no <abbr title> explanation (headings: %v)", tc.lang, h, titled)
				}
			}
			for _, j := range tc.jargon {
				if strings.Contains(head, ">"+j+"<") {
					t.Errorf("%s: jargon heading %q", tc.lang, j)
				}
			}
			if got := cell(t, body, "PETR4_nota"); got != tc.weights[0] {
				t.Errorf("%s: PETR4 weight %q, want %q as entered", tc.lang, got, tc.weights[0])
			}
			if got := cell(t, body, "VALE3_nota"); got != tc.weights[1] {
				t.Errorf("%s: VALE3 weight %q, want %q as entered", tc.lang, got, tc.weights[1])
			}
			if got := cell(t, body, "VALE3_rm"); got != "—" {
				t.Errorf("%s: return of a holding with 0 shares = %q, want —", tc.lang, got)
			}
			if got := cell(t, body, "PETR4_rm"); got == "—" {
				t.Errorf("%s: PETR4 (100 shares) shows no return", tc.lang)
			}
		}
	})
}
