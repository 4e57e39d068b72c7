// Package forms holds what every form shares: per-field error messages and
// the small checks that many forms use. Each feature parses and validates its
// forms in one place (its form.go) and gets back Errors to show next to fields.
package forms

import (
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/stonks-b3/stonks/app/i18n"
)

// Errors maps a field name to its message, already in the user's language.
// The key "" holds a message for the whole form.
type Errors map[string]string

// Add keeps the first message per field: the most basic problem is shown first.
func (e Errors) Add(field, msg string) {
	if _, ok := e[field]; !ok {
		e[field] = msg
	}
}

// Any tells whether something is wrong.
func (e Errors) Any() bool { return len(e) > 0 }

// Checker accumulates errors in one locale.
type Checker struct {
	L      *i18n.Locale
	Errors Errors
}

// New starts validating a form in the user's language.
func New(l *i18n.Locale) *Checker { return &Checker{L: l, Errors: Errors{}} }

// Fail adds a translated message for field.
func (c *Checker) Fail(field, key string, args ...any) { c.Errors.Add(field, c.L.T(key, args...)) }

// Required fails when the trimmed value is empty and returns whether it is present.
func (c *Checker) Required(field, value string) bool {
	if strings.TrimSpace(value) == "" {
		c.Fail(field, "This field is required.")
		return false
	}
	return true
}

// MaxLen fails when value has more than n characters (not bytes).
func (c *Checker) MaxLen(field, value string, n int) {
	if utf8.RuneCountInString(value) > n {
		c.Fail(field, "Ensure this value has at most %d characters.", n)
	}
}

// Email fails unless value is a plain address like ana@example.com.
func (c *Checker) Email(field, value string) {
	a, err := mail.ParseAddress(value)
	if err != nil || a.Address != value || a.Name != "" || !strings.Contains(value[strings.LastIndex(value, "@")+1:], ".") || len(value) > 254 {
		c.Fail(field, "Enter a valid e-mail address.")
	}
}
