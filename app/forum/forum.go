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
	rooms, count, err := h.env.Store.Rooms(ctx, q, 100)
	if err != nil {
		return err
	}
	topics, err := h.env.Store.Topics(ctx, 20)
	if err != nil {
		return err
	}
	recent, err := h.env.Store.RecentMessages(ctx, q, 10)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/forum", fiber.Map{
		"Title": "Forum", "Q": q, "Rooms": rooms, "Count": count, "Topics": topics,
		"Activity": items(web.Locale(c), recent, web.User(c).ID, true),
	})
}
