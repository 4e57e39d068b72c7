package wallet

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/tracker"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/data"
)

// ItemForm is the wallet item form (the seed's field names). The raw text is
// kept so a bad form is shown back as typed.
type ItemForm struct {
	Ativo      string `form:"ativo"`
	PrecoMedio string `form:"preco_medio"`
	Quantidade string `form:"quantidade"`
	Nota       string `form:"nota"`

	ticker     string
	precoMedio decimal.Decimal
	quantidade int64
	nota       decimal.Decimal
}

// Limits that keep values inside the database's NUMERIC(24,8) and BIGINT.
var (
	maxPrice = decimal.New(1, 12) // R$ 1 trillion a share
	maxNota  = decimal.New(1, 9)
)

const maxShares = 1_000_000_000_000

// Validate normalises the ticker ("petr4.sa" → PETR4) and parses the
// numbers ("12,50" and "12.50" alike). Checks needing the database (already
// held, wallet full) are the handler's.
func (f *ItemForm) Validate(l *i18n.Locale) forms.Errors {
	c := forms.New(l)
	if c.Required("ativo", f.Ativo) {
		ts, bad := tracker.ParseTickers([]string{f.Ativo})
		if len(ts) != 1 || len(bad) > 0 {
			c.Fail("ativo", "Enter one ticker, e.g. PETR4.")
		} else if _, ok := data.Lookup(ts[0]); !ok {
			c.Fail("ativo", "%s is not listed in IBOV or IFIX.", ts[0])
		} else {
			f.ticker = ts[0]
			f.Ativo = ts[0]
		}
	}
	if c.Required("preco_medio", f.PrecoMedio) {
		switch d, ok := parseDecimal(f.PrecoMedio); {
		case !ok:
			c.Fail("preco_medio", "Enter a number, e.g. 12,50.")
		case !d.IsPositive():
			c.Fail("preco_medio", "The average price must be greater than zero.")
		case d.GreaterThanOrEqual(maxPrice) || !d.Equal(d.Round(8)):
			c.Fail("preco_medio", "Enter a price below 1 trillion with at most 8 decimal places.")
		default:
			f.precoMedio = d
		}
	}
	if c.Required("quantidade", f.Quantidade) {
		n, err := strconv.ParseInt(strings.TrimSpace(f.Quantidade), 10, 64)
		switch {
		case err != nil && strings.HasPrefix(strings.TrimSpace(f.Quantidade), "-"):
			c.Fail("quantidade", "The quantity cannot be negative.")
		case err != nil:
			c.Fail("quantidade", "Enter a whole number of shares, e.g. 100.")
		case n < 0:
			c.Fail("quantidade", "The quantity cannot be negative.")
		case n > maxShares:
			c.Fail("quantidade", "Enter at most %d shares.", maxShares)
		default:
			f.quantidade = n
		}
	}
	if c.Required("nota", f.Nota) {
		switch d, ok := parseDecimal(f.Nota); {
		case !ok:
			c.Fail("nota", "Enter a number, e.g. 10.")
		case d.IsNegative():
			c.Fail("nota", "The weight cannot be negative.")
		case d.GreaterThanOrEqual(maxNota) || !d.Equal(d.Round(8)):
			c.Fail("nota", "Enter a weight below 1 billion with at most 8 decimal places.")
		default:
			f.nota = d
		}
	}
	return c.Errors
}

// Item is the validated form as a holding of userID.
func (f *ItemForm) Item(userID int64) db.WalletItem {
	return db.WalletItem{UserID: userID, Ticker: f.ticker, PrecoMedio: f.precoMedio, Quantidade: f.quantidade, Nota: f.nota}
}

// fromItem fills the form to edit a holding.
func fromItem(it db.WalletItem) *ItemForm {
	return &ItemForm{Ativo: it.Ticker, PrecoMedio: it.PrecoMedio.String(), Quantidade: strconv.FormatInt(it.Quantidade, 10), Nota: it.Nota.String()}
}

// parseDecimal reads "12,50", "12.50", "1.234,56" and "1,234.56": when both
// separators appear the last one is the decimal point; a lone one is always
// the decimal point (so "1.234" is one real and change, as a price would be).
func parseDecimal(s string) (decimal.Decimal, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "R$"))
	if s == "" || len(s) > 40 {
		return decimal.Decimal{}, false
	}
	comma, dot := strings.LastIndex(s, ","), strings.LastIndex(s, ".")
	switch {
	case comma >= 0 && dot >= 0 && comma > dot:
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	case comma >= 0 && dot >= 0:
		s = strings.ReplaceAll(s, ",", "")
	case comma >= 0:
		s = strings.Replace(s, ",", ".", 1)
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-') {
			return decimal.Decimal{}, false
		}
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// AporteForm is the contribution box: an amount in reais.
type AporteForm struct {
	Aporte string `query:"aporte"`
}

var maxAporte = decimal.New(1, 10) // R$ 10 billion

// Amount parses the amount; ok is false (with a message) when it is not a
// positive number of reais with at most 2 decimal places.
func (f AporteForm) Amount(l *i18n.Locale) (decimal.Decimal, string) {
	d, ok := parseDecimal(f.Aporte)
	switch {
	case !ok:
		return d, l.T("Enter an amount in reais, e.g. 1000,00.")
	case !d.IsPositive():
		return d, l.T("The amount must be greater than zero.")
	case !d.Equal(d.Round(2)):
		return d, l.T("Use at most 2 decimal places.")
	case d.GreaterThanOrEqual(maxAporte):
		return d, l.T("Enter an amount below R$ 10 billion.")
	}
	return d, ""
}
