package staff

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
)

// SudoPage asks staff for their password again.
func (h *Handler) SudoPage(c *fiber.Ctx) error {
	return h.renderSudo(c, fiber.StatusOK, web.LocalPath(c.Query("next"), "/staff/"), nil)
}

// Sudo checks the password and marks the session as freshly authenticated.
func (h *Handler) Sudo(c *fiber.Ctx) error {
	next := web.LocalPath(c.FormValue("next"), "/staff/")
	l := web.Locale(c)
	ok, wait, err := h.passwords.Reauthenticate(c, c.FormValue("password"))
	if err != nil {
		return err
	}
	if wait > 0 {
		secs := int(wait.Seconds()) + 1
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
		return h.renderSudo(c, fiber.StatusTooManyRequests, next,
			forms.Errors{"": l.T("Too many failed logins. Try again in %d seconds.", secs)})
	}
	if !ok {
		return h.renderSudo(c, fiber.StatusUnprocessableEntity, next,
			forms.Errors{"password": l.T("Your password was entered incorrectly. Please enter it again.")})
	}
	id, _, _ := web.Session(c)
	if err := h.env.Store.Sudo(c.UserContext(), actor(c), id, h.env.Now()); err != nil {
		return err
	}
	return web.Redirect(c, next)
}

func (h *Handler) renderSudo(c *fiber.Ctx, status int, next string, errs forms.Errors) error {
	return h.env.Render(c, status, "pages/staff_sudo", fiber.Map{"Title": "Confirm your password", "Next": next, "Errors": errs})
}
