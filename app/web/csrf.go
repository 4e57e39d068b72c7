package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"strings"

	"github.com/gofiber/fiber/v2"
)

const csrfCookie = "stonks_csrf"

// CSRF refuses unsafe requests whose token (form field _csrf or header
// X-CSRF-Token) does not match the visitor's CSRF cookie: a double-submit
// cookie, which needs no server state and so works across instances (Fiber's
// own csrf middleware keeps tokens in process memory by default).
func CSRF() fiber.Handler {
	return func(c *fiber.Ctx) error {
		switch c.Method() {
		case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions, fiber.MethodTrace:
			return c.Next()
		}
		want := []byte(c.Cookies(csrfCookie))
		// Either carrier may hold the token: a form's field is always the
		// page's latest, an htmx request without a form has only the header.
		for _, got := range []string{bodyToken(c), c.Get("X-CSRF-Token")} {
			if len(want) > 0 && subtle.ConstantTimeCompare(want, []byte(got)) == 1 {
				return c.Next()
			}
		}
		return fiber.NewError(fiber.StatusForbidden, "CSRF token missing or incorrect")
	}
}

// bodyToken is the _csrf field of an urlencoded or multipart body. Not
// c.FormValue: fasthttp falls back to the query string, and a token in a URL
// ends up in logs, history and Referer headers.
func bodyToken(c *fiber.Ctx) string {
	if t := c.Request().PostArgs().Peek("_csrf"); len(t) > 0 {
		return string(t)
	}
	if strings.HasPrefix(string(c.Request().Header.ContentType()), fiber.MIMEMultipartForm) {
		if f, err := c.MultipartForm(); err == nil && len(f.Value["_csrf"]) > 0 {
			return f.Value["_csrf"][0]
		}
	}
	return ""
}

// CSRFToken returns the visitor's token, setting the cookie on first use, so
// only pages that carry forms set it (the public embed sets no cookie).
func CSRFToken(c *fiber.Ctx, secure bool) string {
	if t, ok := c.Locals(csrfKey).(string); ok {
		return t
	}
	t := c.Cookies(csrfCookie)
	if len(t) != 43 {
		t = newCSRFCookie(c, secure)
	}
	c.Locals(csrfKey, t)
	return t
}

// newCSRFCookie sets a fresh token, also used at login and logout.
func newCSRFCookie(c *fiber.Ctx, secure bool) string {
	t := randomToken()
	c.Cookie(&fiber.Cookie{Name: csrfCookie, Value: t, Path: "/", HTTPOnly: true, Secure: secure, SameSite: fiber.CookieSameSiteLaxMode})
	c.Locals(csrfKey, t)
	return t
}

// randomToken is 32 random bytes, base64url without padding (43 characters).
func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
