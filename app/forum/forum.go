package forum

import (
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// Forum lists the rooms matching q (over topic, name and description), the
// topics with their room counts and the latest messages of those rooms.
func (h *Handler) Forum(c *fiber.Ctx) error {
	ctx := c.UserContext()
	q := strings.TrimSpace(c.Query("q"))
	p, err := h.env.Store.LoadForum(ctx, q, 100, 20, 10)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/forum", fiber.Map{
		"Title": "Forum", "Q": q, "Rooms": p.Rooms, "Count": p.Count, "Topics": p.Topics,
		"Activity": items(web.Locale(c), p.Recent, web.User(c).ID, true),
	})
}
