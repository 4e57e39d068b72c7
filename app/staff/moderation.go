package staff

import (
	"context"
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// Forum is what moderation needs of the forum: removals reach live viewers
// by the forum's own publish path.
type Forum interface {
	Removed(ctx context.Context, m *db.Message) error
	RoomRemoved(id int64)
}

// paramID reads the :id of the route; anything but a positive number is 404.
func paramID(c *fiber.Ctx) (int64, error) {
	id, err := c.ParamsInt("id")
	if err != nil || id <= 0 {
		return 0, fiber.ErrNotFound
	}
	return int64(id), nil
}

// storeErr maps the store's "no such row" to 404.
func storeErr(err error) error {
	if errors.Is(err, db.ErrNotFound) {
		return fiber.ErrNotFound
	}
	return err
}

// back goes to the form's "back" page (local only), or fallback.
func back(c *fiber.Ctx, fallback string) error {
	return web.Redirect(c, web.LocalPath(c.FormValue("back"), fallback))
}

// DeleteMessage removes any message; its author is told on their profile.
func (h *Handler) DeleteMessage(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	m, err := h.env.Store.ModDeleteMessage(c.UserContext(), actor(c), id, h.env.Now())
	if err != nil {
		return storeErr(err)
	}
	if err := h.forum.Removed(c.UserContext(), m); err != nil {
		h.env.Log.Warn("staff: publish removal", slog.Int64("message", m.ID), slog.Any("err", err))
	}
	return back(c, "/staff/reports/")
}

// DeleteRoom removes any room with its messages; its host is told.
func (h *Handler) DeleteRoom(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if _, err := h.env.Store.ModDeleteRoom(c.UserContext(), actor(c), id, h.env.Now()); err != nil {
		return storeErr(err)
	}
	h.forum.RoomRemoved(id)
	return back(c, "/staff/forum/")
}

// LockRoom makes a room read-only.
func (h *Handler) LockRoom(c *fiber.Ctx) error { return h.lock(c, true) }

// UnlockRoom opens a locked room again.
func (h *Handler) UnlockRoom(c *fiber.Ctx) error { return h.lock(c, false) }

func (h *Handler) lock(c *fiber.Ctx, locked bool) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if err := h.env.Store.LockRoom(c.UserContext(), actor(c), id, locked, h.env.Now()); err != nil {
		return storeErr(err)
	}
	return back(c, "/staff/forum/")
}
