package alerts

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// DeletePage asks for confirmation.
func (h *Handler) DeletePage(c *fiber.Ctx) error {
	a, err := h.own(c)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/alert_delete", fiber.Map{"Title": "Delete alert", "Alert": a})
}

// Delete removes the user's alert and its unsent notices.
func (h *Handler) Delete(c *fiber.Ctx) error {
	a, err := h.own(c)
	if err != nil {
		return err
	}
	if err := h.env.Store.DeleteAlert(c.UserContext(), a.UserID, a.ID); err != nil {
		return err
	}
	return web.Redirect(c, "/alerts/")
}
