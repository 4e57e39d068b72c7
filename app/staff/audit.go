package staff

import "github.com/gofiber/fiber/v2"

// Audit lists the latest staff actions.
func (h *Handler) Audit(c *fiber.Ctx) error {
	entries, err := h.env.Store.AuditLog(c.UserContext(), 500)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/staff_audit", fiber.Map{"Title": "Audit log", "Entries": entries})
}
