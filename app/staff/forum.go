package staff

import (
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// Forum lists topics (rename, merge) and rooms (lock, delete).
func (h *Handler) ForumPage(c *fiber.Ctx) error {
	return h.renderForum(c, fiber.StatusOK, 0, nil, nil)
}

func (h *Handler) renderForum(c *fiber.Ctx, status int, topic int64, f *TopicForm, errs forms.Errors) error {
	ctx := c.UserContext()
	topics, err := h.env.Store.AllTopics(ctx)
	if err != nil {
		return err
	}
	rooms, _, err := h.env.Store.Rooms(ctx, c.Query("q"), 200)
	if err != nil {
		return err
	}
	if f == nil {
		f = &TopicForm{}
	}
	return h.env.Render(c, status, "pages/staff_forum", fiber.Map{"Title": "Forum", "Topics": topics, "Rooms": rooms,
		"Q": c.Query("q"), "Topic": topic, "Form": f, "Errors": errs})
}

// RenameTopic renames a topic; a name another topic has is refused (merge instead).
func (h *Handler) RenameTopic(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	f := new(TopicForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	l := web.Locale(c)
	if errs := f.ValidateName(l); errs.Any() {
		return h.renderForum(c, fiber.StatusUnprocessableEntity, id, f, errs)
	}
	err = h.env.Store.RenameTopic(c.UserContext(), actor(c), id, f.Name, h.env.Now())
	if errors.Is(err, db.ErrTaken) {
		return h.renderForum(c, fiber.StatusUnprocessableEntity, id, f,
			forms.Errors{"name": l.T("Another topic has this name: merge them instead.")})
	}
	if err != nil {
		return storeErr(err)
	}
	return web.Redirect(c, "/staff/forum/")
}

// MergeTopic moves a topic's rooms into another topic and deletes it.
func (h *Handler) MergeTopic(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	f := new(TopicForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	into, errs := f.ValidateInto(web.Locale(c), id)
	if errs.Any() {
		return h.renderForum(c, fiber.StatusUnprocessableEntity, id, f, errs)
	}
	if err := h.env.Store.MergeTopic(c.UserContext(), actor(c), id, into, h.env.Now()); err != nil {
		return storeErr(err)
	}
	return web.Redirect(c, "/staff/forum/")
}
