package alerts

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// Streams is what alerts need of the live hub.
type Streams interface {
	Publish(ctx context.Context, ev live.Event) error
}

// Handler serves the alert pages and owns the engine and the sender.
type Handler struct {
	env    *web.Env
	Engine *Engine
	Sender *Sender
}

// New makes the alert handlers, the engine and the sender (SMTP when
// SMTP_URL is set, else .eml files in MAIL_DIR).
func New(env *web.Env, q *quotes.Service, streams Streams) (*Handler, error) {
	mailer, err := NewMailer(env.Config)
	if err != nil {
		return nil, err
	}
	h := &Handler{env: env}
	h.Sender = &Sender{Store: env.Store, Mailer: mailer, BaseURL: env.Config.BaseURL, Now: env.Now, Log: env.Log,
		Backoff: 30 * time.Second, MaxBackoff: time.Hour, Batch: 500}
	h.Engine = &Engine{Store: env.Store, Quotes: q, Streams: streams, Render: env.RenderString, Now: env.Now,
		Log: env.Log, Batch: 200_000, AfterNotices: h.Sender.Kick}
	return h, nil
}

// alertID reads the :id of the route; 0 when it is not a positive number.
func alertID(c *fiber.Ctx) int64 {
	id, err := c.ParamsInt("id")
	if err != nil || id <= 0 {
		return 0
	}
	return int64(id)
}

// own loads the user's alert of the route, or answers 404: someone else's
// alert does not exist for this user.
func (h *Handler) own(c *fiber.Ctx) (*db.Alert, error) {
	id := alertID(c)
	if id == 0 {
		return nil, fiber.ErrNotFound
	}
	a, err := h.env.Store.AlertOf(c.UserContext(), web.User(c).ID, id)
	if err == db.ErrNotFound {
		return nil, fiber.ErrNotFound
	}
	return a, err
}

// Status is "active" or "expired", as the list shows it.
func Status(a db.Alert, now time.Time) string {
	if a.Expired || !now.Before(a.ExpiresAt) {
		return "expired"
	}
	return "active"
}
