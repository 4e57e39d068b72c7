package web

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// A handler waiting on a call that never answers must be released by the
// request's deadline, not wait forever.
func TestDeadlineEndsAHangingCall(t *testing.T) {
	app := fiber.New()
	app.Use(Deadline(50 * time.Millisecond))
	hang := func(c *fiber.Ctx) error {
		select {
		case <-c.UserContext().Done():
			if errors.Is(c.UserContext().Err(), context.DeadlineExceeded) {
				return c.SendString("deadline")
			}
			return c.SendString("cancelled")
		case <-time.After(20 * time.Second):
			return c.SendString("hung")
		}
	}
	app.Get("/page", hang)
	app.Get("/sse", func(c *fiber.Ctx) error {
		if _, ok := c.UserContext().Deadline(); ok {
			return c.SendString("stream has a deadline")
		}
		return c.SendString("no deadline")
	})
	for path, want := range map[string]string{"/page": "deadline", "/sse": "no deadline"} {
		resp, err := app.Test(httptest.NewRequest("GET", path, nil), 30_000)
		if err != nil {
			t.Fatal(err)
		}
		body := make([]byte, 64)
		n, _ := resp.Body.Read(body)
		if got := string(body[:n]); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
}
