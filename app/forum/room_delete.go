package forum

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// DeleteRoomPage asks the host to confirm.
func (h *Handler) DeleteRoomPage(c *fiber.Ctx) error {
	r, err := h.hostedRoom(c)
	if err != nil {
		return err
	}
	id := strconv.FormatInt(r.ID, 10)
	return h.env.Render(c, fiber.StatusOK, "pages/forum_delete", fiber.Map{
		"Title": "Delete room", "What": r.Name, "Action": "/delete-room/" + id + "/", "Back": "/room/" + id + "/",
	})
}

// DeleteRoom deletes the host's room with its messages.
func (h *Handler) DeleteRoom(c *fiber.Ctx) error {
	r, err := h.hostedRoom(c)
	if err != nil {
		return err
	}
	if err := h.env.Store.DeleteRoom(c.UserContext(), web.User(c).ID, r.ID); err != nil {
		return err
	}
	h.feeds.forget(r.ID)
	return web.Redirect(c, "/forum/")
}
