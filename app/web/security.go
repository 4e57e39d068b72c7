package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// CSP allows only our own files: no inline script, no eval, no frames from
// elsewhere. The embed handler replaces frame-ancestors for its page alone.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// SecurityHeaders sets the headers every response carries.
func SecurityHeaders() fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Set("Content-Security-Policy", CSP)
		c.Set("X-Content-Type-Options", "nosniff")
		c.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		c.Set("X-Frame-Options", "SAMEORIGIN")
		c.Set("Cross-Origin-Opener-Policy", "same-origin")
		return c.Next()
	}
}

// Framable lets other sites put this response in an iframe: any origin, or
// only those listed (EMBED_ORIGINS).
func Framable(c *fiber.Ctx, origins []string) {
	ancestors := "*"
	if len(origins) > 0 {
		ancestors = strings.Join(origins, " ")
	}
	c.Set("Content-Security-Policy", strings.Replace(CSP, "frame-ancestors 'self'", "frame-ancestors "+ancestors, 1))
	c.Response().Header.Del("X-Frame-Options")
}
