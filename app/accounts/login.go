package accounts

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db/usernames"
)

// LoginPage shows the login form; a logged-in user goes straight on.
func (h *Handler) LoginPage(c *fiber.Ctx) error {
	next := web.LocalPath(c.Query("next"), "")
	if web.User(c) != nil {
		return c.Redirect(web.LocalPath(next, "/"))
	}
	return h.renderLogin(c, fiber.StatusOK, &LoginForm{Next: next}, nil)
}

// Login checks the password, throttling repeated failures per IP and per
// username. The attempt is counted before the password is checked, so
// parallel guesses cannot slip past the limit.
func (h *Handler) Login(c *fiber.Ctx) error {
	f := new(LoginForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	f.Next = web.LocalPath(f.Next, "")
	l := web.Locale(c)
	errs := f.Validate(l)
	if errs.Any() {
		return h.renderLogin(c, fiber.StatusUnprocessableEntity, f, errs)
	}
	ctx := c.UserContext()
	key := usernames.Key(f.Username) // look-alike names share one throttle
	wait, attempt, err := h.reserveLogin(ctx, key, web.ClientIP(c))
	if err != nil {
		return err
	}
	if wait > 0 {
		secs := int(wait.Seconds()) + 1
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
		return h.renderLogin(c, fiber.StatusTooManyRequests, f,
			forms.Errors{"": l.T("Too many failed logins. Try again in %d seconds.", secs)})
	}
	u, err := h.env.Store.UserByUsername(ctx, f.Username)
	hash := dummyHash
	if err == nil {
		hash = u.PasswordHash
	}
	ok, busy := h.passwordMatches(c, f.Password, hash)
	if busy != nil {
		// Never checked: this attempt must not count against the user.
		if err := h.env.Store.CancelLogin(ctx, attempt); err != nil {
			return err
		}
		return busy
	}
	if !ok || err != nil {
		return h.renderLogin(c, fiber.StatusUnprocessableEntity, f, forms.Errors{
			"": l.T("Please enter a correct username and password. Note that both fields may be case-sensitive."),
		})
	}
	if u.SuspendedAt != nil {
		// Said only to whoever knows the password.
		return h.renderLogin(c, fiber.StatusForbidden, f, forms.Errors{
			"": l.T("This account is suspended by the moderators."),
		})
	}
	if err := h.env.Store.ClearLoginFailures(ctx, key); err != nil {
		return err
	}
	if err := h.env.LogIn(c, u); err != nil {
		return err
	}
	return web.Redirect(c, web.LocalPath(f.Next, "/"))
}

func (h *Handler) renderLogin(c *fiber.Ctx, status int, f *LoginForm, errs forms.Errors) error {
	f.Password = "" // never echo a password back
	return h.env.Render(c, status, "pages/login", fiber.Map{"Form": f, "Errors": errs})
}
