package staff_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

// upload posts a composition file as the import form does (multipart).
func upload(t *testing.T, c *apptest.Client, market, file string) *apptest.Response {
	t.Helper()
	c.Get("/")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("_csrf", c.Cookie("stonks_csrf"))
	mw.WriteField("market", market)
	fw, _ := mw.CreateFormFile("file", "IBOVDia_28-11-26.csv")
	fw.Write([]byte(file))
	mw.Close()
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, "http://stonks.test/staff/assets/import/preview", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(req)
}

// hidden reads a hidden field's value from a page.
func hidden(body, name string) string {
	i := strings.Index(body, `name="`+name+`" value="`)
	if i < 0 {
		return ""
	}
	rest := body[i+len(`name="`+name+`" value="`):]
	return rest[:strings.Index(rest, `"`)]
}

func TestImportCompositionPreviewThenApply(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		ctx := context.Background()
		file := "IBOV - Carteira do Dia 28/11/26\nCódigo;Ação;Tipo;Qtde. Teórica;Part. (%);\n" +
			"PETR4;PETROBRAS;PN N2;4.556.156.612;60,000;\nNEWC3;NOVA EMPRESA;ON NM;100.000;40,000;\n" +
			"Quantidade Teórica Total;;;;100,000;\n"
		r := upload(t, w.boss, "IBOV", file)
		if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "NEWC3") || !strings.Contains(r.Body, "VALE3") {
			t.Fatalf("preview: %d %v\n%s", r.StatusCode, apptest.FieldErrors(r.Body), r.Body)
		}
		// The preview wrote nothing.
		if got, _ := srv.Env.Store.Assets(ctx, "IBOV", ""); len(got) < 80 {
			t.Fatalf("the preview changed IBOV: %d members", len(got))
		}
		carried := strings.ReplaceAll(hidden(r.Body, "composition"), "&#xA;", "\n")
		carried = strings.ReplaceAll(carried, "&#10;", "\n")
		r = w.boss.Post("/staff/assets/import/apply", url.Values{"market": {"IBOV"}, "composition": {carried}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("apply: %d %v (carried %q)", r.StatusCode, apptest.FieldErrors(r.Body), carried)
		}
		members, _ := srv.Env.Store.Assets(ctx, "IBOV", "")
		if len(members) != 2 {
			t.Fatalf("IBOV has %d members after the import, want 2", len(members))
		}
		// The picker shows each member's weight, and not the ones that left.
		page := w.ana.Get("/stockpicker/IBOV").Body
		if !strings.Contains(page, `id="PETR4_weight">60,000%`) || strings.Contains(page, `value="VALE3"`) {
			t.Errorf("picker after the import:\n%s", page)
		}
		// A retired asset still tracks and quotes.
		if r := w.ana.Get("/stocktracker?stockpicker=VALE3"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "VALE3_price") {
			t.Errorf("tracking a retired asset: %d", r.StatusCode)
		}
	})
}

func TestRetiredAssetLeavesThePickerOnly(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		if r := w.boss.Post("/staff/assets/VALE3/retire/", nil); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("retire: %d", r.StatusCode)
		}
		if strings.Contains(w.ana.Get("/stockpicker/IBOV").Body, `value="VALE3"`) {
			t.Error("a retired asset is still offered by the picker")
		}
		w.boss.Header.Set("Accept-Language", "en")
		if r := w.boss.Get("/staff/assets/?market=IBOV"); !strings.Contains(r.Body, "left the index") {
			t.Error("the staff list does not say the asset left the index")
		}
		if r := w.ana.Get("/graph?ticker=VALE3"); r.StatusCode != http.StatusOK {
			t.Errorf("history of a retired asset: %d", r.StatusCode)
		}
	})
}
