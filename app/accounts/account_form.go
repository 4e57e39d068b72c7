package accounts

import (
	"strings"

	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
)

// ResetRequestForm asks for a reset link by e-mail.
type ResetRequestForm struct {
	Email string `form:"email"`
}

// Validate checks the address's shape; whether an account has it is never said.
func (f *ResetRequestForm) Validate(l *i18n.Locale) forms.Errors {
	f.Email = strings.TrimSpace(f.Email)
	c := forms.New(l)
	if c.Required("email", f.Email) {
		c.Email("email", f.Email)
	}
	return c.Errors
}

// SetPasswordForm is the new password of a reset link (Django's SetPasswordForm).
type SetPasswordForm struct {
	NewPassword1 string `form:"new_password1"`
	NewPassword2 string `form:"new_password2"`
}

// Validate applies the sign-up password rules, the account's username and
// e-mail as the attributes a password must not resemble.
func (f *SetPasswordForm) Validate(l *i18n.Locale, username, email string) forms.Errors {
	c := forms.New(l)
	f.check(c, username, email)
	return c.Errors
}

func (f *SetPasswordForm) check(c *forms.Checker, username, email string) {
	if c.Required("new_password1", f.NewPassword1) {
		checkPasswordRules(c, "new_password1", f.NewPassword1, username, email)
	}
	if c.Required("new_password2", f.NewPassword2) && f.NewPassword1 != f.NewPassword2 {
		c.Fail("new_password2", "The two password fields didn't match.")
	}
}

// PasswordChangeForm changes the password (Django's PasswordChangeForm);
// the current password is checked by the handler, after these rules.
type PasswordChangeForm struct {
	OldPassword string `form:"old_password"`
	SetPasswordForm
}

// Validate checks the fields are present and the new password's rules.
func (f *PasswordChangeForm) Validate(l *i18n.Locale, username, email string) forms.Errors {
	c := forms.New(l)
	c.Required("old_password", f.OldPassword)
	f.check(c, username, email)
	return c.Errors
}

// EmailChangeForm changes the account's address; the current password
// is checked by the handler.
type EmailChangeForm struct {
	Email    string `form:"email"`
	Password string `form:"password"`
}

// Validate checks the new address's shape and that a password was given.
func (f *EmailChangeForm) Validate(l *i18n.Locale) forms.Errors {
	f.Email = strings.TrimSpace(f.Email)
	c := forms.New(l)
	if c.Required("email", f.Email) {
		c.Email("email", f.Email)
	}
	c.Required("password", f.Password)
	return c.Errors
}

// DeleteAccountForm deletes the account; the current password is checked
// by the handler.
type DeleteAccountForm struct {
	Password string `form:"password"`
}

// Validate checks a password was given.
func (f *DeleteAccountForm) Validate(l *i18n.Locale) forms.Errors {
	c := forms.New(l)
	c.Required("password", f.Password)
	return c.Errors
}
