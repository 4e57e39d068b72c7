package wallet

import (
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db"
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

// Limits: realistic bounds with room to spare, far inside the database's
// NUMERIC(24,8) and BIGINT and the planner's int64 share counts.
var (
	maxPrice   = decimal.New(1, 9)  // R$ 1 billion a share
	maxHolding = decimal.New(1, 12) // R$ 1 trillion: average price × quantity
	maxNota    = decimal.New(1, 9)
	maxShares  = decimal.New(1, 12)
)

// Validate normalises the ticker ("petr4.sa" → PETR4) and reads the numbers
// in the page's language (i18n.ParseDecimal: "1.000" is a thousand in pt-BR),
// writing them back as read so a refused form shows what was understood.
// Checks needing the database (already held, wallet full) are the handler's.
func (f *ItemForm) Validate(l *i18n.Locale) forms.Errors { return f.validate(l, l) }

// validate writes messages in l and reads numbers as num writes them (a CSV
// file's convention may differ from the page's).
func (f *ItemForm) validate(l, num *i18n.Locale) forms.Errors {
	c := forms.New(l)
	c.Numbers = num
	if t, ok := c.Ticker("ativo", f.Ativo); ok {
		f.ticker, f.Ativo = t, t
	}
	if d, ok := c.Number("preco_medio", f.PrecoMedio); ok {
		switch {
		case !d.IsPositive():
			c.Fail("preco_medio", "The average price must be greater than zero.")
		case !d.Equal(d.Truncate(8)):
			c.Fail("preco_medio", "Use at most 8 decimal places.")
		case d.GreaterThan(maxPrice):
			c.Fail("preco_medio", "Enter a price of at most %s.", l.Money(maxPrice))
		default:
			f.precoMedio, f.PrecoMedio = d, num.Input(d, 2)
		}
	}
	if d, ok := c.Number("quantidade", f.Quantidade); ok {
		switch {
		case d.IsNegative():
			c.Fail("quantidade", "The quantity cannot be negative.")
		case !d.Equal(d.Truncate(0)):
			c.Fail("quantidade", "Enter a whole number of shares, e.g. 100.")
		case d.GreaterThan(maxShares):
			c.Fail("quantidade", "Enter at most %s shares.", l.Decimal(maxShares, 0))
		default:
			f.quantidade, f.Quantidade = d.IntPart(), num.Decimal(d, 0)
		}
	}
	if !c.Errors.Has("preco_medio") && !c.Errors.Has("quantidade") &&
		f.precoMedio.Mul(decimal.NewFromInt(f.quantidade)).GreaterThan(maxHolding) {
		c.Fail("quantidade", "A holding can be worth at most %s (average price × quantity).", l.Money(maxHolding))
	}
	if d, ok := c.Number("nota", f.Nota); ok {
		switch {
		case d.IsNegative():
			c.Fail("nota", "The weight cannot be negative.")
		case !d.Equal(d.Truncate(8)):
			c.Fail("nota", "Use at most 8 decimal places.")
		case d.GreaterThan(maxNota):
			c.Fail("nota", "Enter a weight of at most %s.", l.Decimal(maxNota, 0))
		default:
			f.nota, f.Nota = d, num.Input(d, 0)
		}
	}
	return c.Errors
}

// Item is the validated form as a holding of userID.
func (f *ItemForm) Item(userID int64) db.WalletItem {
	return db.WalletItem{UserID: userID, Ticker: f.ticker, PrecoMedio: f.precoMedio, Quantidade: f.quantidade, Nota: f.nota}
}

// fromItem fills the form to edit a holding, numbers in the page's language.
func fromItem(it db.WalletItem, l *i18n.Locale) *ItemForm {
	return &ItemForm{Ativo: it.Ticker, PrecoMedio: l.Input(it.PrecoMedio, 2),
		Quantidade: l.Decimal(decimal.NewFromInt(it.Quantidade), 0), Nota: l.Input(it.Nota, 0)}
}

// AporteForm is the contribution box: an amount in reais.
type AporteForm struct {
	Aporte string `query:"aporte"`
}

// maxAporte bounds a contribution like a holding's value.
var maxAporte = decimal.New(1, 12) // R$ 1 trillion

// Amount parses the amount in the page's language; the message is empty
// unless it is not a positive number of whole cents up to maxAporte.
func (f AporteForm) Amount(l *i18n.Locale) (decimal.Decimal, string) {
	c := forms.New(l)
	d, ok := c.Number("aporte", f.Aporte)
	switch {
	case !ok:
	case !d.IsPositive():
		c.Fail("aporte", "The amount must be greater than zero.")
	case !c.Cents("aporte", d):
	case d.GreaterThan(maxAporte):
		c.Fail("aporte", "Enter an amount of at most %s.", l.Money(maxAporte))
	}
	return d, c.Errors["aporte"]
}
