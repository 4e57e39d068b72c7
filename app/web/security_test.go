package web

import (
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"
)

func TestStrictTransportSecurityOnlyOverHTTPS(t *testing.T) {
	for https, want := range map[bool]string{true: HSTS, false: ""} {
		app := fiber.New()
		app.Use(SecurityHeaders(https))
		app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
		resp, err := app.Test(httptest.NewRequest("GET", "/", nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Header.Get("Strict-Transport-Security"); got != want {
			t.Errorf("https=%v: Strict-Transport-Security %q, want %q", https, got, want)
		}
	}
}
