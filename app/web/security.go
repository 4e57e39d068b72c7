package web

import "github.com/gofiber/fiber/v2"

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
