package i18n

import (
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
)

// NumErr says why ParseDecimal refused a number, so a form can tell the user
// what to type instead.
type NumErr int

const (
	NumOK        NumErr = iota
	NumEmpty            // nothing but spaces (or "R$")
	NumInvalid          // not a number at all: letters, exponents, two signs…
	NumSeparator        // digits, but separators the locale does not read that way: "1.5" in pt-BR, "1,5" in English
)

// maxNumberLen bounds what is parsed: no realistic amount needs more.
const maxNumberLen = 40

// ParseDecimal reads a number as people type it in l's language, the only
// number parser of the app. pt-BR: "1.234,56", "1234,56", "1.000" (one
// thousand), "R$ 1.000,00"; English: "1,234.56", "R$1,234.56". A grouping
// separator must be followed by exactly three digits, and there is at most one
// decimal separator, after any grouping. Anything else is refused rather than
// guessed: "1.5" in pt-BR could be one and a half or a mistyped thousand.
// Spaces (also no-break ones) around the number and after "R$" are allowed,
// and inside it they group thousands like the locale's separator; a
// leading minus is read, callers refuse negatives where they make no sense.
func ParseDecimal(l *Locale, s string) (decimal.Decimal, NumErr) {
	group, dec := byte('.'), byte(',')
	if l == En {
		group, dec = ',', '.'
	}
	s = strings.TrimFunc(s, unicode.IsSpace)
	if len(s) > maxNumberLen {
		return decimal.Zero, NumInvalid
	}
	neg := false
	if r, ok := strings.CutPrefix(s, "-"); ok {
		neg, s = true, strings.TrimLeftFunc(r, unicode.IsSpace)
	}
	if len(s) >= 2 && strings.EqualFold(s[:2], "R$") {
		s = strings.TrimLeftFunc(s[2:], unicode.IsSpace)
	}
	if r, ok := strings.CutPrefix(s, "-"); ok && !neg { // "R$ -5"
		neg, s = true, r
	}
	if s == "" {
		if neg {
			return decimal.Zero, NumInvalid
		}
		return decimal.Zero, NumEmpty
	}
	// A space inside the number groups thousands too ("1 234,56"), under the
	// same three-digit rule.
	s = strings.Join(strings.FieldsFunc(s, unicode.IsSpace), string(group))
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c == '.' || c == ',') {
			return decimal.Zero, NumInvalid
		}
	}
	whole, frac, hasDec := strings.Cut(s, string(dec))
	switch {
	case hasDec && strings.ContainsAny(frac, ".,"):
		return decimal.Zero, NumSeparator // "1,5,0", "1,000.5" in pt-BR
	case hasDec && frac == "", whole == "" && !hasDec:
		return decimal.Zero, NumInvalid // "5,", ","
	}
	if strings.IndexByte(whole, group) >= 0 {
		parts := strings.Split(whole, string(group))
		if len(parts[0]) < 1 || len(parts[0]) > 3 {
			return decimal.Zero, NumSeparator
		}
		for _, p := range parts[1:] {
			if len(p) != 3 {
				return decimal.Zero, NumSeparator // "1.5", "10.00", "1.00,5"
			}
		}
		whole = strings.Join(parts, "")
	}
	if whole == "" {
		whole = "0" // ",5"
	}
	n := whole
	if hasDec {
		n += "." + frac
	}
	d, err := decimal.NewFromString(n)
	if err != nil {
		return decimal.Zero, NumInvalid
	}
	if neg {
		d = d.Neg()
	}
	return d, NumOK
}

// Input writes d for a form field in l's language, grouped as the page shows
// numbers, with at least min decimals and every further decimal d has, so
// that ParseDecimal reads back exactly d: 1.000,00 / 1,000.00 / 12,345.
func (l *Locale) Input(d decimal.Decimal, min int32) string { return l.Decimal(d, places(d, min)) }

// places is how many decimals show d exactly, at least min: trailing zeros
// beyond min are dropped (12.3400 with min 2 needs 2).
func places(d decimal.Decimal, min int32) int32 {
	p := max(-d.Exponent(), min)
	for p > min && d.Equal(d.Truncate(p-1)) {
		p--
	}
	return p
}
