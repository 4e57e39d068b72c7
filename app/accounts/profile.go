package accounts

import (
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/alerts"
	"github.com/stonks-b3/stonks/app/forum"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// Profile shows a user's page; the forum and alerts fill in their sections.
func (h *Handler) Profile(c *fiber.Ctx) error {
	id, err := c.ParamsInt("id")
	if err != nil || id <= 0 {
		return fiber.ErrNotFound
	}
	u, err := h.env.Store.UserByID(c.UserContext(), int64(id))
	if errors.Is(err, db.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	me := web.User(c)
	own := me != nil && me.ID == u.ID
	viewer, _ := web.Viewer(c)
	posts, err := forum.ProfileOf(c.UserContext(), web.Locale(c), h.env.Store, u.ID, viewer)
	if err != nil {
		return err
	}
	data := fiber.Map{"Profile": u, "Own": own, "Forum": posts}
	if own { // alerts are private: only on one's own profile
		rows, err := h.env.Store.AlertsOf(c.UserContext(), u.ID, "")
		if err != nil {
			return err
		}
		data["Alerts"] = alerts.Rows(rows, h.env.Now())
	}
	return h.env.Render(c, fiber.StatusOK, "pages/profile", data)
}
