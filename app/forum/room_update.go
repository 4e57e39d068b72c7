package forum

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// UpdateRoomPage shows the host the room form, filled in.
func (h *Handler) UpdateRoomPage(c *fiber.Ctx) error {
	r, err := h.hostedRoom(c)
	if err != nil {
		return err
	}
	return h.renderRoomForm(c, fiber.StatusOK, r, &RoomForm{Topic: r.TopicName, Name: r.Name, Description: r.Description}, nil)
}

// UpdateRoom saves the host's changes.
func (h *Handler) UpdateRoom(c *fiber.Ctx) error {
	r, err := h.hostedRoom(c)
	if err != nil {
		return err
	}
	f := new(RoomForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	if errs := f.Validate(web.Locale(c)); errs.Any() {
		return h.renderRoomForm(c, fiber.StatusUnprocessableEntity, r, f, errs)
	}
	r.Name, r.Description = f.Name, f.Description
	if err := h.env.Store.UpdateRoom(c.UserContext(), web.User(c).ID, r, f.Topic, h.env.Now()); err != nil {
		return err
	}
	return web.Redirect(c, "/room/"+strconv.FormatInt(r.ID, 10)+"/")
}
