package accounts

import (
	"strings"
	"unicode"

	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
)

// SignUpForm is the register form (the seed's field names).
type SignUpForm struct {
	Username  string `form:"username"`
	Email     string `form:"email"`
	Password1 string `form:"password1"`
	Password2 string `form:"password2"`
}

// Validate normalises the form (username lower-cased, e-mail trimmed) and
// checks every rule except uniqueness, which needs the database.
func (f *SignUpForm) Validate(l *i18n.Locale) forms.Errors {
	f.Username = strings.ToLower(strings.TrimSpace(f.Username))
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

func validUsername(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("@.+-_", r) {
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

// Validate lower-cases the username and checks both fields are present.
func (f *LoginForm) Validate(l *i18n.Locale) forms.Errors {
	f.Username = strings.ToLower(strings.TrimSpace(f.Username))
	c := forms.New(l)
	c.Required("username", f.Username)
	c.Required("password", f.Password)
	return c.Errors
}
