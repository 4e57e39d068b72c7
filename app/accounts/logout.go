package accounts

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// LogoutPage asks to confirm: logging out changes state, so it is a POST.
func (h *Handler) LogoutPage(c *fiber.Ctx) error {
	return h.env.Render(c, fiber.StatusOK, "pages/logout", nil)
}

// Logout ends the session.
func (h *Handler) Logout(c *fiber.Ctx) error {
	if err := h.env.LogOut(c); err != nil {
		return err
	}
	return web.Redirect(c, "/")
}
