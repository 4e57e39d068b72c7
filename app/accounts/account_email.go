package accounts

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// ChangeEmail changes the account's address after checking the password.
// An address the account has confirmed already (for alerts) takes effect
// at once; another one waits until the link mailed to it is followed
// (the alerts' confirmation flow, /confirm-email/{token}/).
func (h *Handler) ChangeEmail(c *fiber.Ctx) error {
	f := new(EmailChangeForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	l := web.Locale(c)
	if errs := f.Validate(l); errs.Any() {
		return h.renderSettings(c, fiber.StatusUnprocessableEntity, "email", errs)
	}
	if ok, err := h.currentPassword(c, "email", "password", f.Password); !ok || err != nil {
		return err
	}
	ctx, u := c.UserContext(), web.User(c)
	confirmed, err := h.env.Store.AddressConfirmed(ctx, u.ID, f.Email)
	if err != nil {
		return err
	}
	if confirmed {
		if err := h.env.Store.ChangeEmail(ctx, u.ID, f.Email); err != nil {
			return err
		}
		return web.Redirect(c, "/account/?done=email")
	}
	if err := h.env.Store.SetPendingEmail(ctx, u.ID, f.Email); err != nil {
		return err
	}
	if err := h.env.Store.RequestConfirmation(ctx, u.ID, f.Email, l.Code, h.env.Now()); err != nil {
		return err
	}
	return web.Redirect(c, "/account/?done=email-pending")
}
