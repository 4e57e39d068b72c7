package live

import (
	"bufio"
	"context"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// MaxStreams is how many streams one connection may carry.
const MaxStreams = 8

// Handler serves GET ?stream=ID[&stream=ID2…] (up to MaxStreams, each
// checked by its rule) as one event stream. viewer tells who is
// asking (the zero Viewer: anonymous); it may be nil if only public kinds
// exist. Malformed ids, unknown kinds and ids naming nothing that exists get
// a plain 404 and forbidden ones a 403, before any streaming starts.
func (h *Hub) Handler(viewer func(*fiber.Ctx) Viewer) fiber.Handler {
	return func(c *fiber.Ctx) error {
		// Fiber's strings point into fasthttp's reused buffers; the
		// stream writer outlives this handler, so copy what it needs.
		var ids []string
		for _, b := range c.Context().QueryArgs().PeekMulti("stream") {
			if id := string(b); !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		if len(ids) > MaxStreams {
			return c.Status(fiber.StatusBadRequest).SendString("too many streams\n")
		}
		var v Viewer
		if viewer != nil {
			v = viewer(c)
			v.Session = strings.Clone(v.Session)
		}
		switch h.checkAll(c.UserContext(), ids, v) {
		case Allowed:
		case Forbidden:
			return c.Status(fiber.StatusForbidden).SendString("forbidden stream\n")
		case Unavailable:
			return c.Status(fiber.StatusServiceUnavailable).SendString("try again later\n")
		default:
			return c.Status(fiber.StatusNotFound).SendString("unknown stream\n")
		}
		h.mu.RLock()
		closed := h.closed
		h.mu.RUnlock()
		if closed {
			return c.Status(fiber.StatusServiceUnavailable).SendString("shutting down\n")
		}
		c.Set(fiber.HeaderContentType, "text/event-stream")
		c.Set(fiber.HeaderCacheControl, "no-cache")
		c.Set("X-Accel-Buffering", "no") // nginx: don't buffer the stream
		if c.Method() == fiber.MethodHead {
			return nil // Fiber routes HEAD to GET handlers; no body, no subscription
		}
		sub := h.newSubscriber(ids, v, strings.Clone(c.Get("Last-Event-ID")), c.Context().Conn())

		// The writer goroutine starts right away and outlives c: it must
		// use only sub, never c.
		c.Context().SetBodyStreamWriter(func(w *bufio.Writer) { h.serve(w, sub) })
		return nil
	}
}

// checkAll is the verdict on a connection's streams: the first that is not
// Allowed, so one forbidden stream refuses the whole connection; no stream
// at all is NotFound.
func (h *Hub) checkAll(ctx context.Context, ids []string, v Viewer) Access {
	if len(ids) == 0 {
		return NotFound
	}
	for _, id := range ids {
		if a := h.Check(ctx, id, v); a != Allowed {
			return a
		}
	}
	return Allowed
}
