package alerts

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// UpdatePage shows the form filled with the user's alert.
func (h *Handler) UpdatePage(c *fiber.Ctx) error {
	a, err := h.own(c)
	if err != nil {
		return err
	}
	return h.renderForm(c, fiber.StatusOK, formOf(a, web.Locale(c)), nil, a)
}

// Update saves the form and re-arms the alert: new thresholds start from
// no zone, checked at the next cycle, for the chosen days from now.
func (h *Handler) Update(c *fiber.Ctx) error {
	a, err := h.own(c)
	if err != nil {
		return err
	}
	f := new(AlertForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	l := web.Locale(c)
	defaultEmail(f, web.User(c))
	if errs := f.Validate(l); errs.Any() {
		return h.renderForm(c, fiber.StatusUnprocessableEntity, f, errs, a)
	}
	now := h.env.Now().UTC()
	arm(a, f, now)
	if err := h.env.Store.UpdateAlert(c.UserContext(), a); err != nil {
		return err
	}
	if err := h.env.Store.RequestConfirmation(c.UserContext(), a.UserID, a.Email, l.Code, now); err != nil {
		return err
	}
	return web.Redirect(c, "/alerts/")
}
