package alerts

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/data"
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

// maxPrice keeps values inside the database's NUMERIC(24,8).
var maxPrice = decimal.New(1, 12)

// Validate normalises the form (ticker upper-cased, e-mail trimmed, numbers
// parsed) and checks every rule; nothing here needs the database.
func (f *AlertForm) Validate(l *i18n.Locale) forms.Errors {
	f.Email = db.NormalEmail(f.Email)
	f.Ativo = strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(f.Ativo)), ".SA")
	c := forms.New(l)
	if c.Required("email", f.Email) {
		c.Email("email", f.Email)
	}
	if c.Required("ativo", f.Ativo) {
		if _, ok := data.Lookup(f.Ativo); !ok {
			c.Fail("ativo", "Unknown ticker: it is not in the IBOV or the IFIX.")
		}
	}
	var ok bool
	if f.Buy, ok = price(c, "compra", f.Compra); ok && f.Buy.Valid && f.Buy.Decimal.IsNegative() {
		c.Fail("compra", "The buy price must be zero or more.")
	}
	f.Sell, _ = price(c, "venda", f.Venda)
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

// number is a plain decimal after normalisation: no exponent, NaN or Inf.
var number = regexp.MustCompile(`^-?[0-9]{1,13}(\.[0-9]{1,8})?$`)

// ParseDecimal reads a price as people type it: "12,50", "12.50",
// "1.234,56", "R$ 12,5". Ok is false for anything else.
func ParseDecimal(s string) (decimal.Decimal, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "R$"))
	s = strings.ReplaceAll(s, " ", "")
	// The last of "," and "." is the decimal separator, the other groups
	// thousands: "1.234,56" (pt-BR) and "1,234.56" (English) alike.
	if strings.LastIndex(s, ",") > strings.LastIndex(s, ".") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	} else {
		s = strings.ReplaceAll(s, ",", "")
	}
	if !number.MatchString(s) {
		return decimal.Zero, false
	}
	d, err := decimal.NewFromString(s)
	return d, err == nil
}

// price parses an optional price field; blank is valid and absent.
func price(c *forms.Checker, field, v string) (decimal.NullDecimal, bool) {
	if strings.TrimSpace(v) == "" {
		return decimal.NullDecimal{}, true
	}
	d, ok := ParseDecimal(v)
	if !ok || d.Abs().GreaterThanOrEqual(maxPrice) {
		c.Fail(field, "Enter a price like 12,50.")
		return decimal.NullDecimal{}, false
	}
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
		f.Compra = plain(a.BuyPrice.Decimal, l)
	}
	if a.SellPrice.Valid {
		f.Venda = plain(a.SellPrice.Decimal, l)
	}
	return f
}

// plain writes a price for an input: no grouping, the locale's decimal mark.
func plain(d decimal.Decimal, l *i18n.Locale) string {
	s := d.String()
	if d.Equal(d.Round(2)) {
		s = d.StringFixed(2)
	}
	if l != i18n.En {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
