package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// CSP allows only our own files: no inline script, no eval, no frames from
// elsewhere. The embed handler replaces frame-ancestors for its page alone.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// HSTS tells browsers to use only https for two years, subdomains included.
const HSTS = "max-age=63072000; includeSubDomains"

// SecurityHeaders sets the headers every response carries; with https (an
// https BASE_URL) also Strict-Transport-Security, so a browser that has been
// here once never again sends a request, or a cookie, in the clear.
func SecurityHeaders(https bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if https {
			c.Set(fiber.HeaderStrictTransportSecurity, HSTS)
		}
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
