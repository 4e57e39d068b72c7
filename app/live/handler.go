package live

import (
	"context"
	"net"
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
		// stream outlives this handler, so copy what it needs.
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
		sub := h.newSubscriber(ids, v, strings.Clone(c.Get("Last-Event-ID")), nil)

		// The stream takes over the connection once the handlers are done:
		// fasthttp's body stream would add a pipe, its buffer, a copy
		// buffer and a goroutine to every subscriber (see doc.go). The body
		// ends when the connection closes. The hijack handler outlives c:
		// it must use only sub and fctx (held by fasthttp until it returns).
		fctx := c.Context()
		fctx.Response.Header.SetContentLength(-2) // no length, no chunks: Connection: close
		fctx.HijackSetNoResponse(true)
		// With the server's KeepHijackedConns, the hijack handler hands the
		// raw socket to a goroutine of its own and returns, so fasthttp
		// frees the request context and the connection's 4 KiB reader
		// (which a stream never reads) instead of holding them for the
		// stream's life; without it, the stream runs in the handler.
		detach := c.App().Server().KeepHijackedConns
		fctx.Hijack(func(conn net.Conn) {
			if u, ok := conn.(interface{ UnsafeConn() net.Conn }); ok && detach {
				conn = u.UnsafeConn()
				head := slices.Clone(fctx.Response.Header.Header())
				go h.stream(conn, head, sub, true)
				return
			}
			h.stream(conn, fctx.Response.Header.Header(), sub, false)
		})
		return nil
	}
}

// stream serves sub on conn, after the response header head. own: the
// connection is ours to close (fasthttp's KeepHijackedConns).
func (h *Hub) stream(conn net.Conn, head []byte, sub *subscriber, own bool) {
	if own {
		defer conn.Close()
	}
	sub.conn = conn
	out := &connSink{conn: conn, head: head}
	h.serve(out, sub)
	if out.head != nil {
		// Ended before the first byte (session ended, shutdown): still a
		// well-formed, empty response.
		_, _ = conn.Write(out.head)
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

// connSink writes a hijacked connection's response: its header (status
// line and headers, as the handlers set them) before the first bytes, then
// every write straight to the socket; the pump already gathers a tick's
// frames into one write.
type connSink struct {
	conn net.Conn
	head []byte
}

func (s *connSink) Write(p []byte) (int, error) {
	if s.head != nil {
		b := append(s.head, p...)
		s.head = nil
		if _, err := s.conn.Write(b); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return s.conn.Write(p)
}

func (*connSink) Flush() error { return nil }
