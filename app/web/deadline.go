package web

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Deadline gives every request a context with a time limit, so a database or
// quote-provider call can never hang a handler forever: Fiber v2's
// UserContext is context.Background() unless someone sets it. Event streams
// live as long as their client and are left alone.
func Deadline(d time.Duration) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if c.Path() == "/sse" {
			return c.Next()
		}
		ctx, cancel := context.WithTimeout(c.UserContext(), d)
		defer cancel()
		c.SetUserContext(ctx)
		return c.Next()
	}
}
