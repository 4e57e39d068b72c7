package forum

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// CreateRoomPage shows the empty room form.
func (h *Handler) CreateRoomPage(c *fiber.Ctx) error {
	return h.renderRoomForm(c, fiber.StatusOK, nil, &RoomForm{}, nil)
}

// CreateRoom creates a room hosted by the user, and its topic when new.
func (h *Handler) CreateRoom(c *fiber.Ctx) error {
	f := new(RoomForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	if errs := f.Validate(web.Locale(c)); errs.Any() {
		return h.renderRoomForm(c, fiber.StatusUnprocessableEntity, nil, f, errs)
	}
	r := &db.Room{HostID: web.User(c).ID, Name: f.Name, Description: f.Description}
	if err := h.env.Store.CreateRoom(c.UserContext(), r, f.Topic, h.env.Now()); err != nil {
		return err
	}
	return web.Redirect(c, "/room/"+strconv.FormatInt(r.ID, 10)+"/")
}

// renderRoomForm renders the create form (room nil) or the update form.
func (h *Handler) renderRoomForm(c *fiber.Ctx, status int, room *db.Room, f *RoomForm, errs forms.Errors) error {
	topics, err := h.env.Store.Topics(c.UserContext(), 200)
	if err != nil {
		return err
	}
	title, action, back := "Create room", "/create-room/", "/forum/"
	if room != nil {
		id := strconv.FormatInt(room.ID, 10)
		title, action, back = "Update room", "/update-room/"+id+"/", "/room/"+id+"/"
	}
	return h.env.Render(c, status, "pages/room_form", fiber.Map{
		"Title": title, "Action": action, "Back": back, "Form": f, "Errors": errs, "Topics": topics,
	})
}
