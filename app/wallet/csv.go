package wallet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// csvHeader is the first line of an export, and of an import if present.
var csvHeader = []string{"ativo", "preco_medio", "quantidade", "nota"}

// bom starts a UTF-8 file that Excel should read as UTF-8 (without it, it
// guesses Windows-1252 and "Itaú" comes out garbled).
const bom = "\xef\xbb\xbf"

// Export downloads the holdings as CSV in one of two formats (?format=):
// "br", what Excel set to Portuguese opens as columns (semicolons, decimal
// commas, a BOM), and "intl" (commas, decimal points). Without a format the
// page's language chooses: br in pt-BR. Import reads both.
func (h *Handler) Export(c *fiber.Ctx) error {
	items, err := h.env.Store.WalletItems(c.UserContext(), web.User(c).ID)
	if err != nil {
		return err
	}
	br := web.Locale(c).Code == i18n.PtBR.Code
	switch c.Query("format") {
	case "br":
		br = true
	case "intl":
		br = false
	}
	num := func(d decimal.Decimal) string { return d.String() }
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if br {
		buf.WriteString(bom)
		w.Comma = ';'
		// decimal's String has no grouping, so the point is the decimal one.
		num = func(d decimal.Decimal) string { return strings.Replace(d.String(), ".", ",", 1) }
	}
	_ = w.Write(csvHeader)
	for _, it := range items {
		_ = w.Write([]string{it.Ticker, num(it.PrecoMedio), strconv.FormatInt(it.Quantidade, 10), num(it.Nota)})
	}
	w.Flush()
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="carteira.csv"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	return c.Send(buf.Bytes())
}

// ImportPage shows the upload form.
func (h *Handler) ImportPage(c *fiber.Ctx) error {
	return h.env.Render(c, fiber.StatusOK, "pages/carteira_import", fiber.Map{"Title": "Wallet"})
}

// Import reads an uploaded CSV (field `file`) and writes it all or nothing:
// every line is validated first; on any bad line the answer is 422 listing
// them and nothing is written. Tickers held are updated, new ones inserted,
// in one transaction.
func (h *Handler) Import(c *fiber.Ctx) error {
	u, l := web.User(c), web.Locale(c)
	fh, err := c.FormFile("file")
	if err != nil {
		return h.importFailed(c, []forms.LineError{{Msg: l.T("Choose a CSV file to import.")}})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	items, bad := parseCSV(f, l)
	if len(bad) == 0 {
		held, err := h.env.Store.WalletItems(c.UserContext(), u.ID)
		if err != nil {
			return err
		}
		tickers := map[string]bool{}
		for _, it := range held {
			tickers[it.Ticker] = true
		}
		for _, it := range items {
			tickers[it.Ticker] = true
		}
		if len(tickers) > MaxItems {
			bad = append(bad, forms.LineError{Msg: l.T("A wallet holds at most %d assets.", MaxItems)})
		}
	}
	if len(bad) > 0 {
		return h.importFailed(c, bad)
	}
	// The count above gives the early, friendly answer; the import's own
	// transaction enforces the cap against parallel writes.
	added, changed, err := h.env.Store.ImportWallet(c.UserContext(), u.ID, items, h.env.Now())
	switch {
	case errors.Is(err, db.ErrFull):
		return h.importFailed(c, []forms.LineError{{Msg: l.T("A wallet holds at most %d assets.", MaxItems)}})
	case err != nil:
		return err
	}
	// The wallet says what the import did (see importedNote).
	return web.Redirect(c, fmt.Sprintf("/carteira?added=%d&changed=%d", added, changed))
}

func (h *Handler) importFailed(c *fiber.Ctx, bad []forms.LineError) error {
	return h.env.Render(c, fiber.StatusUnprocessableEntity, "pages/carteira_import", fiber.Map{"Title": "Wallet", "Problems": bad})
}

// maxImportErrors caps the listed problems: a wrong file would list every line.
const maxImportErrors = 50

// parseCSV reads ativo,preco_medio,quantidade,nota lines, with an optional
// header line, separated by commas or (as spreadsheets in pt-BR save them)
// semicolons. Each line is checked like the form; a ticker twice is an error.
func parseCSV(r io.Reader, l *i18n.Locale) ([]db.WalletItem, []forms.LineError) {
	b, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if err != nil {
		return nil, []forms.LineError{{Msg: l.T("The file could not be read.")}}
	}
	b = bytes.TrimPrefix(b, []byte(bom)) // Excel's, and our Brazilian export's
	first, _, _ := bytes.Cut(b, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	// Numbers follow the file's convention, not the page's: a file separated
	// by semicolons (a pt-BR spreadsheet) has decimal commas, one separated by
	// commas (the export, an English spreadsheet) decimal points.
	num := i18n.En
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma, num = ';', i18n.PtBR
	}
	var (
		items []db.WalletItem
		bad   []forms.LineError
		seen  = map[string]int{}
	)
	fail := func(line int, msg string) {
		if len(bad) < maxImportErrors {
			bad = append(bad, forms.LineError{Line: line, Msg: msg})
		}
	}
	for i := 0; ; i++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		// FieldPos is only valid for a record Read returned: after an error
		// it panics, so the line of a bad file comes from the error.
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			fail(pe.Line, l.T("Not valid CSV."))
			break
		}
		if err != nil {
			fail(0, l.T("Not valid CSV."))
			break
		}
		line, _ := cr.FieldPos(0)
		if i == 0 && strings.EqualFold(strings.TrimSpace(rec[0]), csvHeader[0]) {
			continue
		}
		if len(rec) != len(csvHeader) {
			fail(line, l.T("Expected 4 columns (ativo, preco_medio, quantidade, nota), found %d.", len(rec)))
			continue
		}
		f := ItemForm{Ativo: rec[0], PrecoMedio: rec[1], Quantidade: rec[2], Nota: rec[3]}
		if errs := f.validate(l, num); errs.Any() {
			for _, field := range csvHeader {
				if msg, ok := errs[field]; ok {
					fail(line, field+": "+msg)
				}
			}
			continue
		}
		if prev, ok := seen[f.ticker]; ok {
			fail(line, l.T("%s is already on line %d.", f.ticker, prev))
			continue
		}
		seen[f.ticker] = line
		items = append(items, f.Item(0))
	}
	if len(items) == 0 && len(bad) == 0 {
		fail(0, l.T("The file has no holdings."))
	}
	return items, bad
}

// importedNote is the line the wallet shows after an import redirected to it
// with ?added=N&changed=M, or "" without them.
func importedNote(c *fiber.Ctx, l *i18n.Locale) string {
	added, err1 := strconv.Atoi(c.Query("added"))
	changed, err2 := strconv.Atoi(c.Query("changed"))
	if err1 != nil || err2 != nil || added < 0 || changed < 0 {
		return ""
	}
	a, ch := l.T("%d added", added), l.T("%d changed", changed)
	if added == 1 {
		a = l.T("1 added")
	}
	if changed == 1 {
		ch = l.T("1 changed")
	}
	return l.T("Imported: %s, %s.", a, ch)
}
