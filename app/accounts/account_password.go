package accounts

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// ChangePassword sets a new password after checking the current one; the
// account's other sessions end (with their streams), this one stays.
func (h *Handler) ChangePassword(c *fiber.Ctx) error {
	f := new(PasswordChangeForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	u := web.User(c)
	if errs := f.Validate(web.Locale(c), u.Username, u.Email); errs.Any() {
		return h.renderSettings(c, fiber.StatusUnprocessableEntity, "password", errs)
	}
	if ok, err := h.currentPassword(c, "password", "old_password", f.OldPassword); !ok || err != nil {
		return err
	}
	hash, err := h.hash(c, f.NewPassword1)
	if err != nil {
		return err
	}
	keep, _, _ := web.Session(c)
	ended, err := h.env.Store.ChangePassword(c.UserContext(), u.ID, hash, keep)
	if err != nil {
		return err
	}
	h.endSessions(c, ended)
	return web.Redirect(c, "/account/?done=password")
}
