package web

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db"
)

// Keys of c.Locals set by the middleware.
const (
	userKey    = "stonks.user"
	localeKey  = "stonks.locale"
	csrfKey    = "stonks.csrf"
	routeKey   = "stonks.route"
	sessionKey = "stonks.session"
	// observedKey marks a request that went through Observe.
	observedKey = "stonks.observed"
)

// User is the logged-in user, or nil.
func User(c *fiber.Ctx) *db.User {
	u, _ := c.Locals(userKey).(*db.User)
	return u
}

// Locale is the language chosen for this request.
func Locale(c *fiber.Ctx) *i18n.Locale {
	if l, ok := c.Locals(localeKey).(*i18n.Locale); ok {
		return l
	}
	return i18n.PtBR
}

// IsHTMX tells whether htmx asked for a fragment (not a boosted whole page).
func IsHTMX(c *fiber.Ctx) bool {
	return c.Get("HX-Request") == "true" && c.Get("HX-Boosted") != "true"
}

// Viewer is the user id for the live stream rules.
func Viewer(c *fiber.Ctx) (int64, bool) {
	if u := User(c); u != nil {
		return u.ID, true
	}
	return 0, false
}
