package accounts

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// DeleteAccount deletes the account and all its data after checking the
// password (see db.DeleteUser), ends its sessions and their streams, and
// logs the browser out.
func (h *Handler) DeleteAccount(c *fiber.Ctx) error {
	f := new(DeleteAccountForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	if errs := f.Validate(web.Locale(c)); errs.Any() {
		return h.renderSettings(c, fiber.StatusUnprocessableEntity, "delete", errs)
	}
	if ok, err := h.currentPassword(c, "delete", "password", f.Password); !ok || err != nil {
		return err
	}
	ended, err := h.env.Store.DeleteUser(c.UserContext(), web.User(c).ID)
	if err != nil {
		return err
	}
	h.endSessions(c, ended)
	if err := h.env.LogOut(c); err != nil { // the cookies; the session row is gone already
		return err
	}
	return web.Redirect(c, "/?deleted=1")
}
