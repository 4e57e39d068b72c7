package alerts

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// List shows the user's own alerts, filtered by ?q= (ticker or market).
func (h *Handler) List(c *fiber.Ctx) error {
	q := c.Query("q")
	rows, err := h.env.Store.AlertsOf(c.UserContext(), web.User(c).ID, q)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/alerts", fiber.Map{
		"Title": "Alerts", "Q": q, "Alerts": Rows(rows, h.env.Now()),
	})
}
