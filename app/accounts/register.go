package accounts

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// RegisterPage shows the sign-up form.
func (h *Handler) RegisterPage(c *fiber.Ctx) error {
	return h.renderRegister(c, fiber.StatusOK, &SignUpForm{}, nil)
}

// Register creates the account and logs it in. Sign-ups are limited per
// client address, counted before the costly password hash.
func (h *Handler) Register(c *fiber.Ctx) error {
	f := new(SignUpForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	l := web.Locale(c)
	errs := f.Validate(l)
	if errs.Any() {
		return h.renderRegister(c, fiber.StatusUnprocessableEntity, f, errs)
	}
	wait, err := h.env.Store.ReserveSignup(c.UserContext(), web.ClientIP(c), h.env.Now(), signupsPerIP, signupWindow)
	if err != nil {
		return err
	}
	if wait > 0 {
		secs := int(wait.Seconds()) + 1
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
		return h.renderRegister(c, fiber.StatusTooManyRequests, f,
			forms.Errors{"": l.T("Too many sign-ups from your address. Try again in %d minutes.", (secs+59)/60)})
	}
	u := &db.User{Username: f.Username, Email: f.Email}
	var hashErr error
	if err := h.withHashSlot(c, func() { u.PasswordHash, hashErr = hashPassword(f.Password1) }); err != nil {
		return err
	}
	if hashErr != nil {
		return hashErr
	}
	switch err := h.env.Store.CreateUser(c.UserContext(), u, h.env.Now()); {
	case errors.Is(err, db.ErrTaken):
		errs.Add("username", l.T("A user with that username already exists."))
	case err != nil:
		return err
	default:
		// The account's address is confirmed by a mailed link; its alert
		// mail waits until then. Best effort: saving an alert asks again.
		if err := h.env.Store.RequestConfirmation(c.UserContext(), u.ID, u.Email, l.Code, h.env.Now()); err != nil {
			h.env.Log.Warn("confirmation request failed", "user", u.ID, "err", err)
		}
		if err := h.env.LogIn(c, u); err != nil {
			return err
		}
		return web.Redirect(c, web.LocalPath(c.Query("next"), "/"))
	}
	return h.renderRegister(c, fiber.StatusUnprocessableEntity, f, errs)
}

func (h *Handler) renderRegister(c *fiber.Ctx, status int, f *SignUpForm, errs forms.Errors) error {
	return h.env.Render(c, status, "pages/register", fiber.Map{
		"Form": f, "Errors": errs, "Next": web.LocalPath(c.Query("next"), ""),
	})
}
