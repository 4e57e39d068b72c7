package forum

import (
	"errors"
	"log/slog"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// Post adds a message to a room and makes its author a participant. The
// message reaches every viewer (the author too) through the room's stream;
// an htmx post gets back only a fresh, empty post box, a plain form post a
// redirect to the room.
func (h *Handler) Post(c *fiber.Ctx) error {
	room, err := h.room(c)
	if err != nil {
		return err
	}
	f := new(MessageForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	if room.LockedAt != nil {
		return h.refuseLocked(c, room, f)
	}
	if errs := f.Validate(web.Locale(c)); errs.Any() {
		return h.refusePost(c, fiber.StatusUnprocessableEntity, room, f, errs)
	}
	me := web.User(c)
	m := &db.Message{RoomID: room.ID, UserID: me.ID, Body: f.Body}
	feed := h.feeds.room(room.ID)
	if err := feed.start(c.UserContext(), h.env.Store, room.ID); err != nil {
		return err
	}
	joined, err := h.env.Store.CreateMessage(c.UserContext(), m, h.env.Now)
	if err != nil {
		_ = feed.drain(c.UserContext(), h.env.Store, room.ID, nil, nil)
		if errors.Is(err, db.ErrLocked) { // locked while this post was on its way
			return h.refuseLocked(c, room, f)
		}
		return err
	}
	m.Username, m.RoomName = me.Username, room.Name
	// The message is saved: a failed publish costs live viewers a reload,
	// not the post. Live viewers get it in the stored order (see feeds).
	publish := func(m db.Message) error { return h.publish(c.UserContext(), m) }
	if err := feed.drain(c.UserContext(), h.env.Store, room.ID, m, publish); err != nil {
		h.env.Log.Warn("forum: publish", slog.Int64("room", room.ID), slog.Any("err", err))
	}
	if joined {
		if err := h.publishParticipants(c.UserContext(), room.ID); err != nil {
			h.env.Log.Warn("forum: publish participants", slog.Int64("room", room.ID), slog.Any("err", err))
		}
	}
	if web.IsHTMX(c) {
		return h.env.Render(c, fiber.StatusOK, "partials/message_form", fiber.Map{"Room": room, "Form": &MessageForm{}, "Focus": true})
	}
	return web.Redirect(c, "/room/"+strconv.FormatInt(room.ID, 10)+"/")
}

// refuseLocked answers a post to a read-only room: the page says why
// instead of the bare 403 page.
func (h *Handler) refuseLocked(c *fiber.Ctx, room *db.Room, f *MessageForm) error {
	errs := forms.Errors{"": web.Locale(c).T("This room is locked by the moderators: it is read-only.")}
	return h.refusePost(c, fiber.StatusForbidden, room, f, errs)
}

func (h *Handler) refusePost(c *fiber.Ctx, status int, room *db.Room, f *MessageForm, errs forms.Errors) error {
	if web.IsHTMX(c) {
		return h.env.Render(c, status, "partials/message_form", fiber.Map{"Room": room, "Form": f, "Errors": errs})
	}
	return h.renderRoom(c, status, room.ID, f, errs)
}
