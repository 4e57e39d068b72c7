package wallet_test

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

func TestWalletCSVFormats(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, _ := user(t, srv, "ana")
		ana.Header.Set("Accept-Language", "pt-BR")
		add(t, ana, holding("PETR4", "25,37", "1000", "5"))
		add(t, ana, holding("HGLG11", "160,123456", "3", "2,5"))

		// pt-BR pages export the Brazilian format by default: what Excel in
		// Portuguese opens as columns.
		br := ana.Get("/carteira/export.csv")
		wantBR := "\xef\xbb\xbfativo;preco_medio;quantidade;nota\nHGLG11;160,123456;3;2,5\nPETR4;25,37;1000;5\n"
		if br.StatusCode != http.StatusOK || br.Body != wantBR {
			t.Fatalf("pt-BR export: %d\n%q\nwant\n%q", br.StatusCode, br.Body, wantBR)
		}
		if got := ana.Get("/carteira/export.csv?format=br").Body; got != wantBR {
			t.Fatalf("format=br: %q", got)
		}
		intl := ana.Get("/carteira/export.csv?format=intl")
		wantIntl := "ativo,preco_medio,quantidade,nota\nHGLG11,160.123456,3,2.5\nPETR4,25.37,1000,5\n"
		if intl.Body != wantIntl {
			t.Fatalf("format=intl: %q", intl.Body)
		}
		en, _ := user(t, srv, "eve")
		if got := en.Get("/carteira/export.csv").Body; !strings.HasPrefix(got, "ativo,preco_medio") {
			t.Fatalf("an English page exports %q, want the international format", got)
		}
		if got := en.Get("/carteira/export.csv?format=br").Body; !strings.HasPrefix(got, "\xef\xbb\xbfativo;") {
			t.Fatalf("format=br on an English page: %q", got)
		}

		// Each format, imported into an empty wallet, gives back the same wallet;
		// the wallet says how many holdings were added and changed.
		for name, file := range map[string]string{"br": wantBR, "intl": wantIntl} {
			bia, _ := user(t, srv, "bia"+name)
			bia.Header.Set("Accept-Language", "pt-BR")
			r := upload(t, bia, file)
			if r.StatusCode != http.StatusSeeOther {
				t.Fatalf("%s import: %d %s", name, r.StatusCode, r.Body)
			}
			page := bia.Get(r.Header.Get("Location"))
			if !strings.Contains(html.UnescapeString(page.Body), "Importado: 2 adicionados, 0 alterados.") {
				t.Errorf("%s import: the wallet does not say what was imported", name)
			}
			if got := bia.Get("/carteira/export.csv?format=" + name).Body; got != file {
				t.Errorf("%s round trip:\n%q\nwant\n%q", name, got, file)
			}
			r = upload(t, bia, strings.Replace(file, "PETR4", "VALE3", 1))
			if page := bia.Get(r.Header.Get("Location")); !strings.Contains(page.Body, "Importado: 1 adicionado, 1 alterado.") {
				t.Errorf("%s re-import: counts not shown", name)
			}
		}
		if page := ana.Get("/carteira"); strings.Contains(page.Body, "Importado") {
			t.Error("the import note shows without an import")
		}
	})
}
