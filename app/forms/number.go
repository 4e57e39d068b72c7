package forms

import (
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db/data"
)

// Number parses a required number typed in the page's language
// (i18n.ParseDecimal). When it cannot be read it adds a message that shows
// how numbers are written in that language and returns false; a number that
// could be read two ways is refused, never guessed.
func (c *Checker) Number(field, value string) (decimal.Decimal, bool) {
	if !c.Text(field, value) {
		return decimal.Zero, false
	}
	n := c.Numbers
	if n == nil {
		n = c.L
	}
	d, err := i18n.ParseDecimal(n, value)
	switch err {
	case i18n.NumOK:
		return d, true
	case i18n.NumEmpty:
		c.Fail(field, "This field is required.")
	case i18n.NumSeparator:
		key := "Use a comma for decimals: %s or %s."
		if n == i18n.En {
			key = "Use a point for decimals: %s or %s."
		}
		c.Fail(field, key, n.Decimal(decimal.New(15, -1), 1), n.Decimal(decimal.New(100050, -2), 2))
	default:
		c.Fail(field, "Enter a number, e.g. %s.", n.Decimal(decimal.New(1250, -2), 2))
	}
	return decimal.Zero, false
}

// Cents fails when d has more than two decimals: prices, amounts and
// thresholds are whole cents, so 12,345 is refused rather than rounded out
// of sight.
func (c *Checker) Cents(field string, d decimal.Decimal) bool {
	if !d.Equal(d.Truncate(2)) {
		c.Fail(field, "Use at most 2 decimal places.")
		return false
	}
	return true
}

// Ticker reads one ticker as typed (data.Ticker: "petr4.sa" is PETR4) and
// fails unless it is B3-shaped and listed in IBOV or IFIX.
func (c *Checker) Ticker(field, value string) (string, bool) {
	if !c.Required(field, value) {
		return "", false
	}
	t, ok := data.Ticker(value)
	if !ok {
		c.Fail(field, "Enter one ticker, e.g. PETR4.")
		return "", false
	}
	if _, ok := data.Lookup(t); !ok {
		c.Fail(field, "%s is not listed in IBOV or IFIX.", t)
		return "", false
	}
	return t, true
}
