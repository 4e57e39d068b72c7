package web

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/i18n"
)

const (
	langCookie  = "stonks_lang"
	themeCookie = "stonks_theme"
)

// Languages picks the locale: ?lang= (used by the embed, which sets no
// cookie), then the language cookie, then Accept-Language.
func Languages() fiber.Handler {
	return func(c *fiber.Ctx) error {
		choice := c.Query("lang")
		if choice == "" {
			choice = c.Cookies(langCookie)
		}
		c.Locals(localeKey, i18n.Match(choice, c.Get(fiber.HeaderAcceptLanguage)))
		return c.Next()
	}
}

// Theme is "light", "dark", or "" to follow the system (the ?theme= of the
// embed wins over the cookie).
func Theme(c *fiber.Ctx) string {
	t := c.Query("theme")
	if t == "" {
		t = c.Cookies(themeCookie)
	}
	if t == "light" || t == "dark" {
		return t
	}
	return ""
}

// Prefs handles GET /prefs?lang=en|pt-BR&theme=light|dark|system&next=/path: the
// language and theme switches are plain links, so they work without JavaScript.
func (e *Env) Prefs(c *fiber.Ctx) error {
	year := e.Now().AddDate(1, 0, 0)
	if l := i18n.Get(c.Query("lang")); l != nil {
		c.Cookie(&fiber.Cookie{Name: langCookie, Value: l.Code, Path: "/", Expires: year, SameSite: fiber.CookieSameSiteLaxMode, Secure: e.Config.SecureCookies()})
	}
	switch t := c.Query("theme"); t {
	case "light", "dark":
		c.Cookie(&fiber.Cookie{Name: themeCookie, Value: t, Path: "/", Expires: year, SameSite: fiber.CookieSameSiteLaxMode, Secure: e.Config.SecureCookies()})
	case "system":
		expireCookie(c, themeCookie, e.Config.SecureCookies())
	}
	return c.Redirect(LocalPath(c.Query("next"), "/"), fiber.StatusSeeOther)
}
