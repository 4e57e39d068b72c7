package staff

import "github.com/gofiber/fiber/v2"

// overviewDays is how many days the overview counts.
const overviewDays = 14

// Overview is the staff's home page: activity per day, totals, and this
// instance's streams, leadership and quote provider health.
func (h *Handler) Overview(c *fiber.Ctx) error {
	days, totals, err := h.env.Store.Overview(c.UserContext(), overviewDays, h.env.Now())
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/staff_overview", fiber.Map{"Title": "Staff",
		"Days": days, "Totals": totals, "Status": h.status()})
}
