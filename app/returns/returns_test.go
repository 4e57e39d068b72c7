package returns_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/returns"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/xuri/excelize/v2"
)

// now is a fixed clock: 10/06/2026 in Brasília.
var now = time.Date(2026, 6, 10, 15, 0, 0, 0, time.UTC)

func user(t *testing.T, srv *server.Server, name, lang string) (*apptest.Client, int64) {
	t.Helper()
	c := apptest.NewClient(t, srv)
	c.Header.Set("Accept-Language", lang)
	c.Register(name)
	u, err := srv.Env.Store.UserByUsername(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return c, u.ID
}

func operation(tipo, ativo, data, qty, price, fees string) url.Values {
	return url.Values{"tipo": {tipo}, "ativo": {ativo}, "data": {data}, "quantidade": {qty}, "preco": {price}, "taxas": {fees}}
}

func walletHolding(t *testing.T, srv *server.Server, userID int64, ticker string) *db.WalletItem {
	t.Helper()
	it, err := srv.Env.Store.WalletItemByTicker(context.Background(), userID, ticker)
	if err != nil {
		t.Fatalf("%s: %v", ticker, err)
	}
	return it
}

func TestOperationForms(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaID := user(t, srv, "ana", "pt-BR")
		bob, _ := user(t, srv, "bob", "en")
		// After signing up: sessions are dated by the real clock.
		srv.Env.Now = func() time.Time { return now }

		// Bad input: a message next to each field, 422, nothing written.
		r := ana.Post("/create-operacao/", operation("X", "ZZZZ3", "11/06/2026", "1,5", "-1", "abc"))
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: %d %s", r.StatusCode, r.Header.Get("Location"))
		}
		for field, want := range map[string]string{
			"tipo": "Escolha compra ou venda.", "ativo": "Informe um ativo", "data": "não pode estar no futuro",
			"quantidade": "número inteiro", "preco": "maior que zero", "taxas": "Informe um número",
		} {
			if got := apptest.FieldError(r.Body, field); !strings.Contains(got, want) && !strings.Contains(r.Body, want) {
				t.Errorf("%s: %q, want %q", field, got, want)
			}
		}
		if ops, _ := srv.Env.Store.Operations(context.Background(), anaID); len(ops) != 0 {
			t.Fatalf("%d operations written by a bad form", len(ops))
		}

		// A buy on the fractional market, in pt-BR numbers and date.
		r = ana.Post("/create-operacao/", operation("C", "petr4f", "02/03/2026", "1.000", "10,50", "4,75"))
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d %s", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if h := walletHolding(t, srv, anaID, "PETR4"); h.Quantidade != 1000 || !h.PrecoMedio.Equal(decimal.RequireFromString("10.50475")) {
			t.Fatalf("wallet %d × %s, want 1.000 × 10,50475", h.Quantidade, h.PrecoMedio)
		}
		// Selling more than held is refused next to the quantity.
		r = ana.Post("/create-operacao/", operation("V", "PETR4", "2026-03-03", "1001", "11", ""))
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(apptest.FieldError(r.Body, "quantidade"), "apenas 1.000 ações de PETR4") {
			t.Fatalf("oversold: %d %q", r.StatusCode, apptest.FieldError(r.Body, "quantidade"))
		}
		r = ana.Post("/create-operacao/", operation("V", "PETR4", "2026-03-03", "400", "12", "1"))
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("sell: %d %s", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if !strings.Contains(ana.Get("/carteira").Body, `href="/operacoes"`) {
			t.Error("the wallet does not link to the operations")
		}
		page := ana.Get("/operacoes").Body
		// Realised: 400 × 12 − 1 − 400 × 10,50475 = 597,10.
		for _, want := range []string{`id="PETR4_op_qnt">600<`, "R$ 597,10", "PETR4F"} {
			if !strings.Contains(page, want) {
				t.Errorf("operations page lacks %q", want)
			}
		}
		ops, _ := srv.Env.Store.Operations(context.Background(), anaID)
		id := ops[len(ops)-1].ID
		path := "/update-operacao/" + itoa(id) + "/"
		// Someone else's operation is a 404, and stays as it was.
		if r := bob.Get(path); r.StatusCode != http.StatusNotFound {
			t.Fatalf("bob sees ana's operation: %d", r.StatusCode)
		}
		if r := bob.Post("/delete-operacao/"+itoa(id)+"/", url.Values{}); r.StatusCode != http.StatusNotFound {
			t.Fatalf("bob deletes ana's operation: %d", r.StatusCode)
		}
		if r := ana.Post(path, operation("V", "PETR4", "2026-03-03", "100", "12", "1")); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("update: %d", r.StatusCode)
		}
		if h := walletHolding(t, srv, anaID, "PETR4"); h.Quantidade != 900 {
			t.Fatalf("after editing the sale: %d shares, want 900", h.Quantidade)
		}
		// Typing shares over a traded holding in the wallet is refused.
		r = ana.Post("/update-carteira/"+itoa(walletHolding(t, srv, anaID, "PETR4").ID)+"/", url.Values{"ativo": {"PETR4"}, "preco_medio": {"10"}, "quantidade": {"5"}, "nota": {"1"}})
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(apptest.FieldError(r.Body, "quantidade"), "vêm das suas operações") {
			t.Fatalf("typed shares over trades: %d %q", r.StatusCode, apptest.FieldError(r.Body, "quantidade"))
		}
		if r := ana.Post("/delete-operacao/"+itoa(id)+"/", url.Values{}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", r.StatusCode)
		}
		if h := walletHolding(t, srv, anaID, "PETR4"); h.Quantidade != 1000 {
			t.Fatalf("after deleting the sale: %d shares, want 1000", h.Quantidade)
		}
	})
}

func itoa(n int64) string { return decimal.NewFromInt(n).String() }

// upload posts a file as the import form does.
func upload(t *testing.T, c *apptest.Client, name string, content []byte) *apptest.Response {
	t.Helper()
	if c.Cookie("stonks_csrf") == "" {
		c.Get("/")
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("_csrf", c.Cookie("stonks_csrf"))
	fw, _ := w.CreateFormFile("file", name)
	_, _ = fw.Write(content)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, "http://stonks.test/operacoes/import", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

var b3Header = []string{"Data do Negócio", "Tipo de Movimentação", "Mercado", "Prazo/Vencimento", "Instituição", "Código de Negociação", "Quantidade", "Preço", "Valor"}

// b3XLSX builds a trades export as B3 does: text dates (or date cells) and
// codes, number cells for quantity, price and value.
func b3XLSX(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, h := range b3Header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		_ = f.SetCellValue(sheet, cell, h)
	}
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportB3(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaID := user(t, srv, "ana", "en")
		srv.Env.Now = func() time.Time { return now }
		x := b3XLSX(t, [][]any{
			{time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), "Compra", "Mercado à Vista", "-", "XP", "VALE3", 100, 60.5, 6050.0}, // a date cell
			{"06/01/2026", "Compra", "Mercado Fracionário", "-", "XP", "VALE3F", 7, 61.25, 428.75},
			{"07/01/2026", "Venda", "Mercado à Vista", "-", "XP", "VALE3", 50, 70.0, 3500.0},
			{"07/01/2026", "Compra", "Mercado à Vista", "-", "XP", "HGLG11", 10, 160.0, 1600.0},
		})
		if r := upload(t, ana, "negociacao.xlsx", x); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("xlsx import: %d %s", r.StatusCode, r.Body)
		}
		// 107 bought for 6050 + 428,75 = 6478,75; 50 sold leave 57 at 6478,75 / 107.
		v := walletHolding(t, srv, anaID, "VALE3")
		want := decimal.RequireFromString("6478.75").Div(decimal.NewFromInt(107)).Round(8)
		if v.Quantidade != 57 || !v.PrecoMedio.Equal(want) {
			t.Fatalf("VALE3 %d × %s, want 57 × %s", v.Quantidade, v.PrecoMedio, want)
		}
		if h := walletHolding(t, srv, anaID, "HGLG11"); h.Quantidade != 10 {
			t.Fatalf("HGLG11 %d", h.Quantidade)
		}
		// The same export again (or an overlapping period) adds nothing twice.
		if r := upload(t, ana, "negociacao.xlsx", x); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("xlsx again: %d", r.StatusCode)
		}
		if ops, _ := srv.Env.Store.Operations(context.Background(), anaID); len(ops) != 4 {
			t.Fatalf("%d operations after importing the file twice, want 4", len(ops))
		}
		// The CSV export of B3, numbers with decimal commas.
		csv := strings.Join(b3Header, ";") + "\n" +
			"08/01/2026;Venda;Mercado à Vista;-;XP;HGLG11;4;170,10;680,40\n"
		if r := upload(t, ana, "negociacao.csv", []byte(csv)); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("csv import: %d %s", r.StatusCode, r.Body)
		}
		if h := walletHolding(t, srv, anaID, "HGLG11"); h.Quantidade != 6 {
			t.Fatalf("HGLG11 after the csv: %d, want 6", h.Quantidade)
		}
		// All or nothing: one bad line (an options trade, a sale of more
		// than held) and nothing is written.
		before, _ := srv.Env.Store.Operations(context.Background(), anaID)
		bad := b3XLSX(t, [][]any{
			{"09/01/2026", "Compra", "Mercado à Vista", "-", "XP", "PETR4", 100, 30.0, 3000.0},
			{"09/01/2026", "Compra", "Opção de Compra", "-", "XP", "PETRA300", 100, 1.0, 100.0},
		})
		if r := upload(t, ana, "bad.xlsx", bad); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Line 3") {
			t.Fatalf("bad xlsx: %d", r.StatusCode)
		}
		over := "data,tipo,ativo,quantidade,preco,taxas\n2026-01-10,C,PETR4,10,30.00,0\n2026-01-11,V,VALE3,58,70.00,0\n"
		if r := upload(t, ana, "ours.csv", []byte(over)); r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "VALE3") {
			t.Fatalf("oversold csv: %d", r.StatusCode)
		}
		if after, _ := srv.Env.Store.Operations(context.Background(), anaID); len(after) != len(before) {
			t.Fatalf("%d operations after refused imports, want %d", len(after), len(before))
		}
		// Our own export reads back.
		exp := ana.Get("/operacoes/export.csv")
		if !strings.HasPrefix(exp.Body, "data,tipo,ativo,quantidade,preco,taxas\n2026-01-05,C,VALE3,100,60.5,0\n2026-01-06,C,VALE3F,7,61.25,0\n") {
			t.Fatalf("export:\n%s", exp.Body)
		}
	})
}

// The IR page of the worked examples (app/tax has them figure by figure):
// the DARFs and due dates a user copies, in pt-BR.
func TestIRPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, _ := user(t, srv, "ana", "pt-BR")
		bob, _ := user(t, srv, "bob", "pt-BR")
		srv.Env.Now = func() time.Time { return now }
		file := "data;tipo;ativo;quantidade;preco;taxas\n" +
			"05/01/2026;C;PETR4;1000;20;0\n20/01/2026;V;PETR4;1000;25;0\n" +
			"02/02/2026;C;VALE3;1000;60;0\n10/02/2026;V;VALE3;1000;55;0\n" +
			"03/03/2026;C;ITUB4;500;30;0\n16/03/2026;V;ITUB4;500;50;0\n" +
			"07/04/2026;C;BBAS3;200;25;2\n07/04/2026;V;BBAS3;200;26;2\n" +
			"04/05/2026;C;WEGE3F;10;40;0\n05/05/2026;C;WEGE3;90;42;0\n20/05/2026;V;WEGE3F;50;50;0\n"
		if r := upload(t, ana, "ops.csv", []byte(file)); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("import: %d %s", r.StatusCode, r.Body)
		}
		page := ana.Get("/ir?ano=2026")
		if page.StatusCode != http.StatusOK {
			t.Fatalf("/ir: %d", page.StatusCode)
		}
		for _, want := range []string{
			`id="ir-2026-01-darf"><strong>R$ 748,75</strong>`, "27/02/2026",
			`id="ir-2026-03-darf"><strong>R$ 746,00</strong>`, "30/04/2026",
			`id="ir-2026-04-darf"><strong>R$ 37,24</strong>`, "29/05/2026",
			`id="ir-2026-05-darf">—`,
			`id="WEGE3_ir">`, "R$ 2.090,00",
			"Lei 11.033/2004, art. 3º, I", "Lei 8.668/1993, art. 18", "DARF 6015", "<h1>Imposto de renda 2026</h1>",
		} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("IR page lacks %q", want)
			}
		}
		// Another user sees none of it.
		if b := bob.Get("/ir?ano=2026").Body; strings.Contains(b, "748,75") || strings.Contains(b, "WEGE3_ir") {
			t.Fatal("bob sees ana's taxes")
		}
		if r := ana.Get("/ir?ano=2999"); r.StatusCode != http.StatusNotFound {
			t.Fatalf("a future year: %d", r.StatusCode)
		}
	})
}

// This package's translations must not change another page's, nor be
// changed by them: a key shared with another package must mean the same
// ("Buy" on the wallet is the order "Comprar"; an operation is a "Compra").
func TestTranslationsDoNotClash(t *testing.T) {
	for key, want := range returns.Messages() {
		args := make([]any, strings.Count(key, "%"))
		for i := range args {
			args[i] = 7
		}
		if got, want := i18n.PtBR.T(key, args...), fmt.Sprintf(want, args...); got != want {
			t.Errorf("%q in pt-BR is %q, this package says %q", key, got, want)
		}
	}
}

// The proventos page with the simulator: the payments of what the user
// held, kept once however often the page is seen, on both databases.
func TestProventosPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaID := user(t, srv, "ana", "en")
		srv.Env.Now = func() time.Time { return now }
		if r := ana.Post("/create-operacao/", operation("C", "HGLG11", "2025-01-06", "10", "150", "0")); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("buy: %d", r.StatusCode)
		}
		page := ana.Get("/proventos")
		if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, `id="HGLG11_income"`) || !strings.Contains(page.Body, `id="payments-past"`) {
			t.Fatalf("/proventos: %d", page.StatusCode)
		}
		ctx := context.Background()
		first, err := srv.Env.Store.Dividends(ctx, []string{"HGLG11"}, "2000-01-01", "2100-01-01")
		if err != nil || len(first) == 0 {
			t.Fatalf("dividends kept: %d (%v)", len(first), err)
		}
		ana.Get("/proventos")
		if again, _ := srv.Env.Store.Dividends(ctx, []string{"HGLG11"}, "2000-01-01", "2100-01-01"); len(again) != len(first) {
			t.Fatalf("%d payments after a second look, want %d", len(again), len(first))
		}
		// Received: every fund payment with its ex-date from 06/01/2025 and
		// paid by 10/06/2026, for 10 shares.
		want := decimal.Zero
		for _, d := range first {
			if d.ExDate >= "2025-01-06" && d.PayDate <= "2026-06-10" {
				want = want.Add(d.PerShare.Mul(decimal.NewFromInt(10)))
			}
		}
		if !want.IsPositive() || !strings.Contains(page.Body, `id="HGLG11_received">R$`+want.StringFixed(2)) {
			t.Fatalf("received should be R$%s", want.StringFixed(2))
		}
		_ = anaID
	})
}

// An opening balance edited on the operations page stays one, so the
// wallet may still retype the holding.
func TestEditedOpeningStaysOpening(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaID := user(t, srv, "ana", "en")
		srv.Env.Now = func() time.Time { return now }
		if r := ana.Post("/create-carteira/", url.Values{"ativo": {"PETR4"}, "preco_medio": {"10.123"}, "quantidade": {"100"}, "nota": {"1"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("wallet: %d", r.StatusCode)
		}
		ops, _ := srv.Env.Store.Operations(context.Background(), anaID)
		if len(ops) != 1 || !ops[0].Abertura {
			t.Fatalf("opening %+v", ops)
		}
		if r := ana.Post("/update-operacao/"+itoa(ops[0].ID)+"/", operation("C", "PETR4", "2026-01-05", "100", "10.5", "0")); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("edit opening: %d %s", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		it := walletHolding(t, srv, anaID, "PETR4")
		r := ana.Post("/update-carteira/"+itoa(it.ID)+"/", url.Values{"ativo": {"PETR4"}, "preco_medio": {"11"}, "quantidade": {"50"}, "nota": {"1"}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("retype after editing the opening: %d %s", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if it := walletHolding(t, srv, anaID, "PETR4"); it.Quantidade != 50 {
			t.Fatalf("%d shares, want 50", it.Quantidade)
		}
	})
}
