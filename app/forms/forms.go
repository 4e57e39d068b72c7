package forms

import (
	"net/mail"
	"strings"
	"unicode"
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

// Has tells whether field already has a message.
func (e Errors) Has(field string) bool { _, ok := e[field]; return ok }

// Any tells whether something is wrong.
func (e Errors) Any() bool { return len(e) > 0 }

// Checker accumulates errors in one locale.
type Checker struct {
	L      *i18n.Locale
	Errors Errors
	// Numbers is the language numbers are written in when it is not L's
	// (a CSV file with its own convention); nil means L.
	Numbers *i18n.Locale
}

// New starts validating a form in the user's language.
func New(l *i18n.Locale) *Checker { return &Checker{L: l, Errors: Errors{}} }

// Fail adds a translated message for field.
func (c *Checker) Fail(field, key string, args ...any) { c.Errors.Add(field, c.L.T(key, args...)) }

// Required fails when the trimmed value is empty or not text (see Text) and
// returns whether it is present and text.
func (c *Checker) Required(field, value string) bool {
	if !c.Text(field, value) {
		return false
	}
	if strings.TrimSpace(value) == "" {
		c.Fail(field, "This field is required.")
		return false
	}
	return true
}

// MaxLen fails when value is not text (see Text) or has more than n
// characters (not bytes).
func (c *Checker) MaxLen(field, value string, n int) {
	if c.Text(field, value) && utf8.RuneCountInString(value) > n {
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

// Text fails when value is not text a database can keep and a page can show:
// invalid UTF-8, or a control character other than tab and line breaks (a
// NUL byte made PostgreSQL refuse the insert with a 500). Required and MaxLen
// call it, so every field that goes through them is checked.
func (c *Checker) Text(field, value string) bool {
	if IsText(value) {
		return true
	}
	c.Fail(field, "Remove the control characters from this field.")
	return false
}

// IsText tells whether s is valid UTF-8 without control characters other
// than tab, newline and carriage return.
func IsText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
	}
	return true
}

// Visible fails when value has no character that shows: text made only of
// spaces, zero-width, bidi or blank characters (U+200B, U+202E, U+2800…)
// looks empty on the page.
func (c *Checker) Visible(field, value string) bool {
	for _, r := range value {
		if visible(r) {
			return true
		}
	}
	c.Fail(field, "This field is required.")
	return false
}

// blanks are letters and symbols by category that render as nothing.
var blanks = map[rune]bool{
	0x2800: true,                             // braille pattern blank
	0x3164: true,                             // hangul filler
	0x115F: true, 0x1160: true, 0xFFA0: true, // hangul fillers
	0x034F: true, // combining grapheme joiner
}

func visible(r rune) bool {
	return unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Mn, r) &&
		!unicode.Is(unicode.Cf, r) && !blanks[r]
}

// StripBidi removes the bidirectional controls (U+202A–U+202E,
// U+2066–U+2069, U+200E, U+200F, U+061C) that can make a name read
// backwards or disguise it. Invalid UTF-8 is left as it is, for Text to refuse.
func StripBidi(s string) string {
	if !utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
			return -1
		}
		return r
	}, s)
}
