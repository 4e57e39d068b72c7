package accounts

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db/usernames"
)

// Settings shows the account's settings: change the password, change the
// e-mail, delete the account. ?done= says which change just went through.
func (h *Handler) Settings(c *fiber.Ctx) error {
	return h.renderSettings(c, fiber.StatusOK, "", nil)
}

// renderSettings shows the settings page with errs next to the fields of
// the form named which ("password", "email" or "delete").
func (h *Handler) renderSettings(c *fiber.Ctx, status int, which string, errs forms.Errors) error {
	done := ""
	switch c.Query("done") {
	case "password", "email", "email-pending":
		done = c.Query("done")
	}
	u, pending := web.User(c), ""
	if u.PendingEmail != nil {
		pending = *u.PendingEmail
	}
	return h.env.Render(c, status, "pages/account", fiber.Map{
		"Title": "Account", "Which": which, "Errors": errs, "Done": done, "Email": u.Email, "Pending": pending,
	})
}

// currentPassword checks pw against the user's password in a hashing slot.
// Checks count as logins do (the same throttle, per username and client), so
// someone holding a stolen session cannot guess the password through these
// forms. A wrong one answers the form named which with 422 and a message.
func (h *Handler) currentPassword(c *fiber.Ctx, which, field, pw string) (ok bool, err error) {
	u, l, ctx := web.User(c), web.Locale(c), c.UserContext()
	key := usernames.Key(u.Username)
	wait, attempt, err := h.reserveLogin(ctx, key, web.ClientIP(c))
	if err != nil {
		return false, err
	}
	if wait > 0 {
		secs := int(wait.Seconds()) + 1
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
		return false, h.renderSettings(c, fiber.StatusTooManyRequests, which,
			forms.Errors{"": l.T("Too many failed logins. Try again in %d seconds.", secs)})
	}
	ok, err = h.passwordMatches(c, pw, u.PasswordHash)
	if err != nil {
		if cerr := h.env.Store.CancelLogin(ctx, attempt); cerr != nil {
			return false, cerr
		}
		return false, err
	}
	if ok {
		return true, h.env.Store.ClearLoginFailures(ctx, key)
	}
	return false, h.renderSettings(c, fiber.StatusUnprocessableEntity, which,
		forms.Errors{field: l.T("Your password was entered incorrectly. Please enter it again.")})
}
