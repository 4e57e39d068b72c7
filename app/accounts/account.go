package accounts

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
)

// Settings shows the account's settings: change the password, change the
// e-mail, delete the account. ?done= says which change just went through.
func (h *Handler) Settings(c *fiber.Ctx) error {
	return h.renderSettings(c, fiber.StatusOK, "", nil)
}

// renderSettings shows the settings page with errs next to the fields of
// the form named which ("password", "email" or "delete").
func (h *Handler) renderSettings(c *fiber.Ctx, status int, which string, errs forms.Errors) error {
	done := ""
	switch c.Query("done") {
	case "password", "email", "email-pending":
		done = c.Query("done")
	}
	u, pending := web.User(c), ""
	if u.PendingEmail != nil {
		pending = *u.PendingEmail
	}
	return h.env.Render(c, status, "pages/account", fiber.Map{
		"Title": "Account", "Which": which, "Errors": errs, "Done": done, "Email": u.Email, "Pending": pending,
	})
}

// currentPassword checks pw against the user's password in a hashing slot.
// A wrong one answers the form named which with 422 and a message.
func (h *Handler) currentPassword(c *fiber.Ctx, which, field, pw string) (ok bool, err error) {
	ok, err = h.passwordMatches(c, pw, web.User(c).PasswordHash)
	if err != nil || ok {
		return ok, err
	}
	l := web.Locale(c)
	return false, h.renderSettings(c, fiber.StatusUnprocessableEntity, which,
		forms.Errors{field: l.T("Your password was entered incorrectly. Please enter it again.")})
}
