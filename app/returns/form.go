package returns

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/db"
)

// OperationForm is a buy or a sell as typed; the raw text is kept so a bad
// form is shown back as typed.
type OperationForm struct {
	Ativo      string `form:"ativo"`
	Data       string `form:"data"`
	Tipo       string `form:"tipo"`
	Quantidade string `form:"quantidade"`
	Preco      string `form:"preco"`
	Taxas      string `form:"taxas"`

	op db.Operation
}

// Bounds, like the wallet's: far inside NUMERIC(24,8) and int64.
var (
	maxPrice  = decimal.New(1, 9)
	maxShares = decimal.New(1, 12)
	maxValue  = decimal.New(1, 12)
	firstDay  = "1994-07-01" // the real; no B3 trade in reais is older
)

// ParseDate reads a trade date as a date input sends it (2026-03-15) or as
// B3 and Brazilians write it (15/03/2026), in either language.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

// ParseTipo reads a buy (C, compra, buy) or a sell (V, venda, sell).
func ParseTipo(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "c", "compra", "buy":
		return db.Buy, true
	case "v", "venda", "sell":
		return db.Sell, true
	}
	return "", false
}

// Validate checks every field in the page's language; today is the last
// date allowed (a trade cannot be in the future).
func (f *OperationForm) Validate(l *i18n.Locale, today string) forms.Errors {
	return f.validate(l, l, today)
}

func (f *OperationForm) validate(l, num *i18n.Locale, today string) forms.Errors {
	c := forms.New(l)
	c.Numbers = num
	if c.Required("ativo", f.Ativo) {
		if t, frac, ok := ledger.Asset(f.Ativo); ok {
			f.op.Ticker, f.op.Fracionario = t, frac
			f.Ativo = t
			if frac {
				f.Ativo += "F"
			}
		} else {
			c.Fail("ativo", "Enter a ticker of IBOV or IFIX, e.g. PETR4 (PETR4F on the fractional market).")
		}
	}
	if c.Required("data", f.Data) {
		switch d, ok := ParseDate(f.Data); {
		case !ok:
			c.Fail("data", "Enter a date like 15/03/2026.")
		case d > today:
			c.Fail("data", "The date cannot be in the future.")
		case d < firstDay:
			c.Fail("data", "Enter a date from 01/07/1994 on.")
		default:
			f.op.Data, f.Data = d, d
		}
	}
	if t, ok := ParseTipo(f.Tipo); ok {
		f.op.Tipo, f.Tipo = t, t
	} else {
		c.Fail("tipo", "Choose buy or sell.")
	}
	if d, ok := c.Number("quantidade", f.Quantidade); ok {
		switch {
		case !d.IsPositive() || !d.Equal(d.Truncate(0)):
			c.Fail("quantidade", "Enter a whole number of shares greater than zero.")
		case d.GreaterThan(maxShares):
			c.Fail("quantidade", "Enter at most %s shares.", l.Decimal(maxShares, 0))
		default:
			f.op.Quantidade, f.Quantidade = d.IntPart(), num.Decimal(d, 0)
		}
	}
	if d, ok := c.Number("preco", f.Preco); ok {
		switch {
		case !d.IsPositive():
			c.Fail("preco", "The price must be greater than zero.")
		case !d.Equal(d.Truncate(8)):
			// More than cents: B3's export gives a day's average price, and
			// an opening balance is an average price.
			c.Fail("preco", "Use at most 8 decimal places.")
		case d.GreaterThan(maxPrice):
			c.Fail("preco", "Enter a price of at most %s.", l.Money(maxPrice))
		default:
			f.op.Preco, f.Preco = d, num.Input(d, 2)
		}
	}
	if strings.TrimSpace(f.Taxas) == "" {
		f.op.Taxas = decimal.Zero
	} else if d, ok := c.Number("taxas", f.Taxas); ok {
		switch {
		case d.IsNegative():
			c.Fail("taxas", "Fees cannot be negative.")
		case !c.Cents("taxas", d):
		case d.GreaterThan(maxPrice):
			c.Fail("taxas", "Enter fees of at most %s.", l.Money(maxPrice))
		default:
			f.op.Taxas, f.Taxas = d, num.Input(d, 2)
		}
	}
	if !c.Errors.Has("quantidade") && !c.Errors.Has("preco") &&
		f.op.Preco.Mul(decimal.NewFromInt(f.op.Quantidade)).GreaterThan(maxValue) {
		c.Fail("quantidade", "An operation can be worth at most %s.", l.Money(maxValue))
	}
	return c.Errors
}

// Operation is the validated form as an operation of userID.
func (f *OperationForm) Operation(userID int64) db.Operation {
	op := f.op
	op.UserID = userID
	return op
}

// fromOperation fills the form to edit op, numbers in the page's language.
func fromOperation(op db.Operation, l *i18n.Locale) *OperationForm {
	t := op.Ticker
	if op.Fracionario {
		t += "F"
	}
	return &OperationForm{Ativo: t, Data: op.Data, Tipo: op.Tipo,
		Quantidade: l.Decimal(decimal.NewFromInt(op.Quantidade), 0), Preco: l.Input(op.Preco, 2), Taxas: l.Input(op.Taxas, 2)}
}
