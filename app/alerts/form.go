package alerts

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db"
)

// AlertForm is the alert form (the seed's field names). The raw strings are
// kept so a bad value is shown back as typed.
type AlertForm struct {
	Email   string `form:"email"`
	Ativo   string `form:"ativo"`
	Compra  string `form:"compra"`
	Venda   string `form:"venda"`
	Periodo string `form:"periodo"`
	Duracao string `form:"duracao"`

	// Filled in by Validate.
	Buy, Sell    decimal.NullDecimal
	Period, Days int
}

// Limits of the form, from the issue.
const (
	MaxPeriod = 1440 // minutes between checks
	MaxDays   = 365  // days an alert stays active
)

// MaxPrice bounds a threshold: no B3 share trades anywhere near a billion
// reais, so a larger number is a typing mistake, not an alert.
var MaxPrice = decimal.New(1, 9)

// Validate normalises the form (ticker upper-cased, e-mail trimmed, numbers
// parsed in the page's language and shown back as read) and checks every
// rule; nothing here needs the database.
func (f *AlertForm) Validate(l *i18n.Locale) forms.Errors {
	f.Email = db.NormalEmail(f.Email)
	c := forms.New(l)
	if c.Required("email", f.Email) {
		c.Email("email", f.Email)
	}
	if t, ok := c.Ticker("ativo", f.Ativo); ok {
		f.Ativo = t
	}
	var ok bool
	if f.Buy, ok = price(c, "compra", &f.Compra); ok && f.Buy.Valid && f.Buy.Decimal.IsNegative() {
		c.Fail("compra", "The buy price must be zero or more.")
	}
	f.Sell, _ = price(c, "venda", &f.Venda)
	switch {
	case strings.TrimSpace(f.Compra) == "" && strings.TrimSpace(f.Venda) == "":
		c.Fail("compra", "Fill in a buy price, a sell price or both.")
	case f.Sell.Valid && !f.Sell.Decimal.IsPositive():
		c.Fail("venda", "The sell price must be more than zero.")
	case f.Buy.Valid && f.Sell.Valid && !f.Sell.Decimal.GreaterThan(f.Buy.Decimal):
		c.Fail("venda", "The sell price must be higher than the buy price.")
	}
	f.Period = whole(c, "periodo", f.Periodo, MaxPeriod, "Enter a whole number of minutes from 1 to 1440.")
	f.Days = whole(c, "duracao", f.Duracao, MaxDays, "Enter a whole number of days from 1 to 365.")
	return c.Errors
}

// price parses an optional price field in whole cents; blank is valid and
// absent. A price read is written back in the page's format, so the form
// shows what was understood ("1.000" comes back as "1.000,00").
func price(c *forms.Checker, field string, v *string) (decimal.NullDecimal, bool) {
	if strings.TrimSpace(*v) == "" {
		return decimal.NullDecimal{}, true
	}
	d, ok := c.Number(field, *v)
	if !ok || !c.Cents(field, d) {
		return decimal.NullDecimal{}, false
	}
	if d.GreaterThan(MaxPrice) {
		c.Fail(field, "Enter a price of at most %s.", c.L.Money(MaxPrice))
		return decimal.NullDecimal{}, false
	}
	*v = c.L.Input(d, 2)
	return decimal.NewNullDecimal(d), true
}

// whole parses a whole number from 1 to hi; msg names the range (a
// literal, since the locale would group 1440 as "1.440").
func whole(c *forms.Checker, field, v string, hi int, msg string) int {
	if !c.Required(field, v) {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 || n > hi {
		c.Fail(field, msg)
		return 0
	}
	return n
}

// formOf fills the form from a stored alert, for the edit page.
func formOf(a *db.Alert, l *i18n.Locale) *AlertForm {
	f := &AlertForm{Email: a.Email, Ativo: a.Ticker,
		Periodo: strconv.Itoa(a.PeriodMinutes), Duracao: strconv.Itoa(a.DurationDays)}
	if a.BuyPrice.Valid {
		f.Compra = l.Input(a.BuyPrice.Decimal, 2)
	}
	if a.SellPrice.Valid {
		f.Venda = l.Input(a.SellPrice.Decimal, 2)
	}
	return f
}
