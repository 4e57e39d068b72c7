package accounts

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db/usernames"
)

// Reauthenticate checks the logged-in user's password again (staff pages
// ask for it after a while). It is throttled like a login, so a stolen
// session cannot guess the password here; wait > 0 means refused for now.
func (h *Handler) Reauthenticate(c *fiber.Ctx, pw string) (ok bool, wait time.Duration, err error) {
	u, ctx := web.User(c), c.UserContext()
	key := usernames.Key(u.Username)
	wait, attempt, err := h.reserveLogin(ctx, key, web.ClientIP(c))
	if err != nil || wait > 0 {
		return false, wait, err
	}
	ok, err = h.passwordMatches(c, pw, u.PasswordHash)
	if err != nil {
		if cerr := h.env.Store.CancelLogin(ctx, attempt); cerr != nil {
			return false, 0, cerr
		}
		return false, 0, err
	}
	if ok {
		return true, 0, h.env.Store.ClearLoginFailures(ctx, key)
	}
	return false, 0, nil
}
