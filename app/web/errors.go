package web

import (
	"errors"
	"log/slog"

	"github.com/gofiber/fiber/v2"
)

// Errors renders the error page for any error a handler returns: 404, 403
// (CSRF), 413 (body over 1 MiB), 429, and 500 for everything unexpected,
// which is logged with the request id.
func (e *Env) Errors(c *fiber.Ctx, err error) error {
	code := fiber.StatusInternalServerError
	var fe *fiber.Error
	if errors.As(err, &fe) {
		code = fe.Code
	}
	if code >= 500 {
		e.Log.Error("handler failed", slog.String("request_id", c.GetRespHeader(fiber.HeaderXRequestID)),
			slog.String("path", c.Path()), slog.Any("err", err))
	}
	title, text := "Something went wrong", "We could not complete your request. Please try again."
	switch code {
	case fiber.StatusNotFound:
		title, text = "Page not found", "The page you asked for does not exist."
	case fiber.StatusForbidden:
		title, text = "Forbidden", "Your request was refused. Reload the page and try again."
	case fiber.StatusRequestEntityTooLarge:
		title, text = "Request too large", "We could not complete your request. Please try again."
	case fiber.StatusTooManyRequests:
		title = "Too many requests"
	}
	keepCSRFCookie(c)
	if rerr := e.Render(c, code, "pages/error", fiber.Map{"Code": code, "Title": title, "Text": text}); rerr != nil {
		e.Log.Error("error page failed", slog.Any("err", rerr))
		return c.Status(code).SendString(title)
	}
	return nil
}

// keepCSRFCookie makes the error page use the visitor's CSRF token without
// ever issuing a new one. An error may be answered for a request fasthttp has
// already reset (a chunked body over the limit loses its headers, cookies
// included): a fresh cookie then would replace the browser's and break every
// form it has open.
func keepCSRFCookie(c *fiber.Ctx) {
	if _, ok := c.Locals(csrfKey).(string); !ok {
		c.Locals(csrfKey, c.Cookies(csrfCookie))
	}
}
