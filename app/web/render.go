package web

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Render writes template name with data plus what every template may use:
// L (locale), User, CSRF, Theme, Path. Pages include partials/head and
// partials/foot themselves; the engine's layouts are not used because they
// take an exclusive lock around every render.
func (e *Env) Render(c *fiber.Ctx, status int, name string, data fiber.Map) error {
	if data == nil {
		data = fiber.Map{}
	}
	u := User(c)
	data["User"] = u
	var unread func() (int, error)
	if u != nil {
		// The navbar's unread notices, counted only if the template renders
		// the navbar (a whole page, not a fragment).
		ctx := c.UserContext()
		unread = func() (int, error) { return e.Store.UnreadNotices(ctx, u.ID) }
		data["Unread"] = unread
	}
	csrf := CSRFToken(c, e.Config.SecureCookies())
	data["CSRF"] = csrf
	data["Navbar"] = e.navbar(data, Locale(c), u, csrf, unread)
	return e.RenderPublic(c, status, name, data)
}

// RenderPublic renders a page that knows no user and sets no cookie (the
// public embed): no User, no CSRF token.
func (e *Env) RenderPublic(c *fiber.Ctx, status int, name string, data fiber.Map) error {
	if data == nil {
		data = fiber.Map{}
	}
	l, theme, path := Locale(c), Theme(c), c.OriginalURL()
	data["L"] = l
	data["Theme"] = theme
	data["Path"] = path
	data["HTMX"] = IsHTMX(c)
	data["Foot"] = e.foot(l, theme, path)
	var buf bytes.Buffer
	if err := e.Views.Render(&buf, name, data); err != nil {
		return err
	}
	c.Set(fiber.HeaderVary, "HX-Request, Cookie, Accept-Language")
	return c.Status(status).Type("html", "utf-8").Send(buf.Bytes())
}

// RenderString renders a fragment on its own, for live (SSE) payloads.
func (e *Env) RenderString(name string, data any) (string, error) {
	var buf bytes.Buffer
	err := e.Views.Render(&buf, name, data)
	return buf.String(), err
}

// Redirect answers a POST with 303 See Other, so the browser follows with a GET.
func Redirect(c *fiber.Ctx, to string) error {
	return c.Redirect(to, fiber.StatusSeeOther)
}

// LocalPath returns next when it is a path on this site, else fallback; it
// keeps `next` from sending users to another host (//evil.com, /\evil.com, https:…).
func LocalPath(next, fallback string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.ContainsAny(next, "\r\n\t") {
		return fallback
	}
	return next
}
