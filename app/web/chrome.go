package web

import (
	"bytes"
	"html/template"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db"
)

// The navbar and the footer are most of a page's template actions (some
// thirty translated labels, each an escaped reflective call) and come out
// the same for every page a user sees in one language: they are rendered
// once per what they show and kept as bytes. The templates stay the one
// source of the markup (partials/navbar, partials/foot_body); head and foot
// print the cached copy when the page offers one (.Navbar, .Foot), from
// Env's HTMLCache (bounded: the footer's key holds the page's URL).
// partial renders one template to HTML.
func (e *Env) partial(name string, data fiber.Map) (template.HTML, error) {
	var buf bytes.Buffer
	if err := e.Views.Render(&buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// navbar is the page's navbar, from the cache: it shows the language, the
// user, their unread count (read here, once) and the CSRF token of the
// logout form.
func (e *Env) navbar(data fiber.Map, l *i18n.Locale, u *db.User, csrf string, unread func() (int, error)) func() (template.HTML, error) {
	return func() (template.HTML, error) {
		key := "n\x00" + strconv.FormatInt(i18n.Generation(), 10) + "\x00" + l.Code
		if u != nil {
			n, err := unread()
			if err != nil {
				return "", err
			}
			key += "\x00" + strconv.FormatInt(u.ID, 10) + "\x00" + u.Username + "\x00" + strconv.Itoa(n) + "\x00" + csrf
			unread = func() (int, error) { return n, nil }
		}
		return e.chrome.Get(key, func() (template.HTML, error) {
			return e.partial("partials/navbar", fiber.Map{"L": l, "User": data["User"], "Unread": unread, "CSRF": csrf})
		})
	}
}

// foot is the page's footer, from the cache: it shows the language, the
// theme and links back to the page.
func (e *Env) foot(l *i18n.Locale, theme, path string) func() (template.HTML, error) {
	return func() (template.HTML, error) {
		key := "f\x00" + strconv.FormatInt(i18n.Generation(), 10) + "\x00" + l.Code + "\x00" + theme + "\x00" + path
		return e.chrome.Get(key, func() (template.HTML, error) {
			return e.partial("partials/foot_body", fiber.Map{"L": l, "Theme": theme, "Path": path})
		})
	}
}
