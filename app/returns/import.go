package returns

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
	"github.com/xuri/excelize/v2"
)

const (
	maxImportBytes  = 1 << 20 // Fiber's body limit is 1 MiB anyway
	maxImportLines  = 5000
	maxImportErrors = 50
)

// ImportPage shows the upload form.
func (h *Handler) ImportPage(c *fiber.Ctx) error {
	return h.env.Render(c, fiber.StatusOK, "pages/operations_import", fiber.Map{"Title": "Operations"})
}

// Import reads an uploaded file (field `file`): B3's trades export
// ("negociação", .xlsx or .csv) or our own CSV. All or nothing: every line
// is checked first, and a sale of more than was held (counting the
// operations already kept) refuses the whole file.
func (h *Handler) Import(c *fiber.Ctx) error {
	u, l := web.User(c), web.Locale(c)
	fh, err := c.FormFile("file")
	if err != nil {
		return h.importFailed(c, []forms.LineError{{Msg: l.T("Choose a file to import.")}})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxImportBytes))
	if err != nil {
		return err
	}
	ops, bad := ParseOperations(b, l, h.today())
	if len(bad) == 0 && len(ops) == 0 {
		bad = []forms.LineError{{Msg: l.T("The file has no operations.")}}
	}
	if len(bad) > 0 {
		return h.importFailed(c, bad)
	}
	kept, err := h.env.Store.Operations(c.UserContext(), u.ID)
	if err != nil {
		return err
	}
	ops = newOperations(kept, ops)
	if len(ops) == 0 {
		return web.Redirect(c, "/operacoes")
	}
	var oversold *ledger.OversoldError
	switch err := h.env.Store.ImportOperations(c.UserContext(), u.ID, ops, ledger.Derive, h.env.Now()); {
	case errors.As(err, &oversold):
		return h.importFailed(c, []forms.LineError{{Msg: oversoldMessage(l, oversold)}})
	case errors.Is(err, db.ErrFull):
		return h.importFailed(c, []forms.LineError{{Msg: l.T("A wallet holds at most %d assets.", db.MaxWalletItems)}})
	case err != nil:
		return err
	}
	return web.Redirect(c, "/operacoes")
}

// newOperations leaves out of file the trades already kept: B3's exports
// of overlapping periods, or the same file twice, add each trade once. Two
// identical trades (same day, kind, code, quantity and price) in the file
// and one kept add one.
func newOperations(kept, file []db.Operation) []db.Operation {
	type key struct {
		date, tipo, code string
		qty              int64
		price            string
	}
	k := func(op db.Operation) key {
		return key{op.Data, op.Tipo, op.Code(), op.Quantidade, op.Preco.String()}
	}
	have := map[key]int{}
	for _, op := range kept {
		if !op.Abertura {
			have[k(op)]++
		}
	}
	var out []db.Operation
	for _, op := range file {
		if have[k(op)] > 0 {
			have[k(op)]--
			continue
		}
		out = append(out, op)
	}
	return out
}

func (h *Handler) importFailed(c *fiber.Ctx, bad []forms.LineError) error {
	return h.env.Render(c, fiber.StatusUnprocessableEntity, "pages/operations_import", fiber.Map{"Title": "Operations", "Problems": bad})
}

// ourHeader is the first line of our own CSV (optional on import).
var ourHeader = []string{"data", "tipo", "ativo", "quantidade", "preco", "taxas"}

// b3Columns are the columns of B3's trades export that we read, by the
// header's name (lower case), mapped to our fields.
var b3Columns = map[string]string{
	"data do negócio": "data", "tipo de movimentação": "tipo", "mercado": "mercado",
	"código de negociação": "ativo", "quantidade": "quantidade", "preço": "preco",
}

// ParseOperations reads a file as B3's .xlsx export (a zip), B3's .csv
// export (its header starts with "Data do Negócio") or our own CSV
// (data,tipo,ativo,quantidade,preco,taxas). Messages are in l; today is the
// last date allowed.
func ParseOperations(b []byte, l *i18n.Locale, today string) ([]db.Operation, []forms.LineError) {
	var (
		rows [][]string
		num  = i18n.PtBR // B3 writes numbers the Brazilian way
		err  error
	)
	if bytes.HasPrefix(b, []byte("PK")) {
		rows, err = xlsxRows(b)
	} else {
		rows, num, err = csvRows(b)
	}
	if err != nil {
		return nil, []forms.LineError{{Msg: l.T("The file could not be read: it is not a CSV or an .xlsx spreadsheet.")}}
	}
	if len(rows) > maxImportLines+1 {
		return nil, []forms.LineError{{Msg: l.T("Import at most %d lines at a time.", maxImportLines)}}
	}
	// Which column holds which field.
	col := map[string]int{}
	start := 0
	if len(rows) > 0 {
		for i, name := range rows[0] {
			name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
			if f, ok := b3Columns[name]; ok {
				col[f] = i
			}
		}
		if _, ok := col["data"]; ok {
			start = 1
			for _, f := range []string{"tipo", "mercado", "ativo", "quantidade", "preco"} {
				if _, ok := col[f]; !ok {
					return nil, []forms.LineError{{Line: 1, Msg: l.T("The B3 export has no column %q.", f)}}
				}
			}
		} else {
			col = map[string]int{}
			for i, f := range ourHeader {
				col[f] = i
			}
			if len(rows[0]) > 0 && strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(rows[0][0], "\ufeff")), "data") {
				start = 1
			}
		}
	}
	var (
		ops []db.Operation
		bad []forms.LineError
	)
	cell := func(row []string, f string) string {
		if i, ok := col[f]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	for i := start; i < len(rows); i++ {
		row := rows[i]
		if blank(row) {
			continue
		}
		if m, ok := col["mercado"]; ok && m < len(row) {
			mk := strings.ToLower(strings.TrimSpace(row[m]))
			if !strings.Contains(mk, "vista") && !strings.Contains(mk, "fracion") {
				if len(bad) < maxImportErrors {
					bad = append(bad, forms.LineError{Line: i + 1, Msg: l.T("Only the cash market (à vista and fracionário) is supported, not %q.", row[m])})
				}
				continue
			}
		}
		f := &OperationForm{Data: cell(row, "data"), Tipo: cell(row, "tipo"), Ativo: cell(row, "ativo"),
			Quantidade: cell(row, "quantidade"), Preco: cell(row, "preco"), Taxas: cell(row, "taxas")}
		if errs := f.validate(l, num, today); errs.Any() {
			if len(bad) < maxImportErrors {
				var msgs []string
				for _, name := range ourHeader {
					if m, ok := errs[name]; ok {
						msgs = append(msgs, name+": "+m)
					}
				}
				bad = append(bad, forms.LineError{Line: i + 1, Msg: strings.Join(msgs, " ")})
			}
			continue
		}
		ops = append(ops, f.Operation(0))
	}
	return ops, bad
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// csvRows reads a CSV separated by semicolons or commas. Our own CSV's
// numbers follow its separator (decimal commas with semicolons, points with
// commas, as the wallet's import); B3's always have decimal commas.
func csvRows(b []byte) ([][]string, *i18n.Locale, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(b, []byte("\n"))
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	num := i18n.En
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma, num = ';', i18n.PtBR
	}
	if bytes.Contains(bytes.ToLower(first), []byte("data do neg")) {
		num = i18n.PtBR
	}
	rows, err := cr.ReadAll()
	return rows, num, err
}

// xlsxRows reads the first sheet of a spreadsheet as text in pt-BR: number
// cells are written back with decimal commas, date cells as dd/mm/yyyy, so
// one reader serves both exports. Text cells are left as typed.
func xlsxRows(b []byte) ([][]string, error) {
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer x.Close()
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("no sheet")
	}
	sheet := sheets[0]
	raw, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	if len(raw) > maxImportLines+1 {
		return raw, nil
	}
	for r, row := range raw {
		for c, v := range row {
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			t, err := x.GetCellType(sheet, name)
			if err != nil {
				return nil, err
			}
			switch t {
			case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula, excelize.CellTypeBool, excelize.CellTypeError:
				continue
			}
			d, err := decimal.NewFromString(strings.TrimSpace(v))
			if err != nil {
				continue
			}
			if t == excelize.CellTypeDate || r > 0 && c < len(raw[0]) && strings.HasPrefix(strings.ToLower(raw[0][c]), "data") {
				f, _ := d.Float64() // a date serial: a day count, not money
				if tm, err := excelize.ExcelDateToTime(f, false); err == nil {
					row[c] = tm.Format("02/01/2006")
				}
				continue
			}
			row[c] = i18n.PtBR.Input(d, 0)
		}
	}
	return raw, nil
}

// Export downloads the operations as our own CSV, plain decimals with points.
func (h *Handler) Export(c *fiber.Ctx) error {
	ops, err := h.env.Store.Operations(c.UserContext(), web.User(c).ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(ourHeader)
	for _, op := range ops {
		t := op.Ticker
		if op.Fracionario {
			t += "F"
		}
		_ = w.Write([]string{op.Data, op.Tipo, t, strconv.FormatInt(op.Quantidade, 10), op.Preco.String(), op.Taxas.String()})
	}
	w.Flush()
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="operacoes.csv"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	return c.Send(buf.Bytes())
}
