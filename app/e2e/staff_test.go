package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db/dbtest"
	"golang.org/x/text/encoding/charmap"
)

// Staff upload B3's composition file (Latin-1, as B3 serves it), see what
// would change, and apply it; with JavaScript off (plain forms) and on
// (htmx-boosted forms).
func TestStaffImportsAComposition(t *testing.T) {
	file, err := charmap.ISO8859_1.NewEncoder().String("IBOV - Carteira do Dia 28/11/26\r\n" +
		"Código;Ação;Tipo;Qtde. Teórica;Part. (%);\r\n" +
		"PETR4;PETROBRAS;PN N2;4.556.156.612;60,000;\r\n" +
		"NEWC3;NOVA AÇÚCAR;ON NM;100.000;40,000;\r\n" +
		"Quantidade Teórica Total;;;;100,000;\r\nRedutor;15.881.561,36940617;;;;\r\n")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "IBOVDia_28-11-26.csv")
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, js := range []bool{false, true} {
		name := "js-off"
		if js {
			name = "js-on"
		}
		t.Run(name, func(t *testing.T) {
			store := dbtest.SQLite(t)
			base := apptest.Listen(t, apptest.New(t, store, nil))
			ctx := Browser(t, js, "en-US,en;q=0.9")
			SignUp(t, ctx, base, "chief")
			if _, err := store.SetStaff(context.Background(), "chief", true, time.Now()); err != nil {
				t.Fatal(err)
			}
			Run(t, ctx, "upload and preview",
				chromedp.Navigate(base+"/staff/assets/import?market=IBOV"),
				chromedp.SetUploadFiles(css(`input[name="file"]`), []string{path}),
				chromedp.Click(css(`main form button[type="submit"]`)),
				chromedp.WaitVisible(css(`#preview`)),
			)
			if s := Get(t, ctx, "added", chromedp.Text(css(`#preview-added`))); !strings.Contains(s, "NEWC3") || !strings.Contains(s, "NOVA AÇÚCAR") {
				t.Errorf("preview, entering: %q", s)
			}
			if s := Get(t, ctx, "removed", chromedp.Text(css(`#preview-removed`))); !strings.Contains(s, "VALE3") {
				t.Errorf("preview, leaving: %q", s)
			}
			// Nothing is applied yet.
			if got, _ := store.Assets(context.Background(), "IBOV", ""); len(got) < 80 {
				t.Fatalf("the preview changed the index: %d members", len(got))
			}
			Run(t, ctx, "apply",
				chromedp.Click(css(`form[action="/staff/assets/import/apply"] button`)),
				chromedp.WaitVisible(css(`#asset-NEWC3`)),
			)
			if s := Get(t, ctx, "retired", chromedp.Text(css(`#asset-VALE3`))); !strings.Contains(s, "left the index") {
				t.Errorf("VALE3 after the import: %q", s)
			}
			if got, _ := store.Assets(context.Background(), "IBOV", ""); len(got) != 2 {
				t.Errorf("IBOV has %d members after the import, want 2", len(got))
			}
		})
	}
}
