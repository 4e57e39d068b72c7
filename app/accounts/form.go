package accounts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db/usernames"
)

// SignUpForm is the register form (the seed's field names).
type SignUpForm struct {
	Username  string `form:"username"`
	Email     string `form:"email"`
	Password1 string `form:"password1"`
	Password2 string `form:"password2"`
}

// Validate normalises the form (username cleaned by usernames.Clean: no
// invisible or bidi characters, NFKC, lower-cased; e-mail trimmed) and checks
// every rule except uniqueness, which needs the database.
func (f *SignUpForm) Validate(l *i18n.Locale) forms.Errors {
	f.Username = usernames.Clean(f.Username)
	f.Email = strings.TrimSpace(f.Email)
	c := forms.New(l)
	if c.Required("username", f.Username) {
		c.MaxLen("username", f.Username, 150)
		if !validUsername(f.Username) {
			c.Fail("username", "Use only letters, digits and @/./+/-/_.")
		}
	}
	if c.Required("email", f.Email) {
		c.Email("email", f.Email)
	}
	if c.Required("password1", f.Password1) {
		checkPasswordRules(c, "password1", f.Password1, f.Username, f.Email)
	}
	if c.Required("password2", f.Password2) && f.Password1 != f.Password2 {
		c.Fail("password2", "The two password fields didn't match.")
	}
	return c.Errors
}

// validUsername allows Latin letters (accents included: João, Conceição),
// the digits 0-9 and @.+-_. Django's validator allows any \w, so аdmin with a
// Cyrillic а, or an all-Cyrillic name that reads as a Latin one, would pass
// beside admin. One script refuses both the mixed-script and the
// whole-script look-alikes that a "no mixed scripts" rule would let through,
// and Latin is the script of every name this Brazilian site expects. Other
// digit sets (٣, ３ before NFKC) are refused for the same reason.
func validUsername(s string) bool {
	for _, r := range s {
		latin := unicode.IsLetter(r) && unicode.Is(unicode.Latin, r)
		if !latin && (r < '0' || r > '9') && !strings.ContainsRune("@.+-_", r) {
			return false
		}
	}
	return true
}

// LoginForm is the login form.
type LoginForm struct {
	Username string `form:"username"`
	Password string `form:"password"`
	Next     string `form:"next"`
}

// Validate cleans the username as sign-up does and checks both fields are
// present. A username no account can have (control characters such as NUL,
// broken UTF-8, too long) is refused here, before it reaches the database.
// Names are not held to the sign-up rule: accounts made before it still log in.
func (f *LoginForm) Validate(l *i18n.Locale) forms.Errors {
	f.Username = usernames.Clean(f.Username)
	c := forms.New(l)
	if c.Required("username", f.Username) && !plausibleUsername(f.Username) {
		c.Fail("", "Please enter a correct username and password. Note that both fields may be case-sensitive.")
	}
	c.Required("password", f.Password)
	return c.Errors
}

func plausibleUsername(s string) bool {
	if utf8.RuneCountInString(s) > 150 {
		return false
	}
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) {
			return false
		}
	}
	return true
}
