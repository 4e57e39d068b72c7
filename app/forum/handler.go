package forum

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// PageSize is how many messages a room page shows; older ones are a link away.
const PageSize = 50

// Streams is what the forum needs of the live hub.
type Streams interface {
	Fact(ctx context.Context, kind, data string) error
	OnFact(kind string, fn live.FactFunc)
	Local(ev live.Event) error
	Known(id string) bool
	OnSubscribe(fn func(live.Change))
	OnResync(fn func(ctx context.Context))
}

// Handler serves the forum pages; one file per action.
type Handler struct {
	env     *web.Env
	streams Streams
	rows    rows
	feeds   feeds
	shown   shown
}

// New makes the forum handlers.
func New(env *web.Env, streams Streams) *Handler {
	h := &Handler{env: env, streams: streams}
	h.listen()
	return h
}

// paramID reads the :id of the route; anything but a positive number is 404.
func paramID(c *fiber.Ctx) (int64, error) {
	id, err := c.ParamsInt("id")
	if err != nil || id <= 0 {
		return 0, fiber.ErrNotFound
	}
	return int64(id), nil
}

// room loads the room of the route, or answers 404.
func (h *Handler) room(c *fiber.Ctx) (*db.Room, error) {
	id, err := paramID(c)
	if err != nil {
		return nil, err
	}
	r, err := h.env.Store.RoomByID(c.UserContext(), id)
	if errors.Is(err, db.ErrNotFound) {
		return nil, fiber.ErrNotFound
	}
	return r, err
}

// hostedRoom loads the room of the route for its host; anyone else gets 403.
func (h *Handler) hostedRoom(c *fiber.Ctx) (*db.Room, error) {
	r, err := h.room(c)
	if err != nil {
		return nil, err
	}
	if r.HostID != web.User(c).ID {
		return nil, fiber.ErrForbidden
	}
	return r, nil
}

// ownMessage loads the message of the route for its author; anyone else gets 403.
func (h *Handler) ownMessage(c *fiber.Ctx) (*db.Message, error) {
	id, err := paramID(c)
	if err != nil {
		return nil, err
	}
	m, err := h.env.Store.MessageByID(c.UserContext(), id)
	if errors.Is(err, db.ErrNotFound) {
		return nil, fiber.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if m.UserID != web.User(c).ID {
		return nil, fiber.ErrForbidden
	}
	return m, nil
}
