package staff

import "github.com/gofiber/fiber/v2"

// Overview is the staff's home page.
func (h *Handler) Overview(c *fiber.Ctx) error {
	return h.env.Render(c, fiber.StatusOK, "pages/staff_overview", fiber.Map{"Title": "Staff"})
}
