package forum

import (
	"log/slog"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// DeleteMessagePage asks the author to confirm.
func (h *Handler) DeleteMessagePage(c *fiber.Ctx) error {
	m, err := h.ownMessage(c)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/forum_delete", fiber.Map{
		"Title": "Delete message", "What": m.Body, "Action": "/delete-message/" + strconv.FormatInt(m.ID, 10) + "/",
		"Back": "/room/" + strconv.FormatInt(m.RoomID, 10) + "/",
	})
}

// DeleteMessage deletes the author's message and goes back to its room.
func (h *Handler) DeleteMessage(c *fiber.Ctx) error {
	m, err := h.ownMessage(c)
	if err != nil {
		return err
	}
	if err := h.env.Store.DeleteMessage(c.UserContext(), web.User(c).ID, m.ID); err != nil {
		return err
	}
	if err := h.publishRemoved(c.UserContext(), m); err != nil {
		h.env.Log.Warn("forum: publish removal", slog.Int64("message", m.ID), slog.Any("err", err))
	}
	return web.Redirect(c, "/room/"+strconv.FormatInt(m.RoomID, 10)+"/")
}
