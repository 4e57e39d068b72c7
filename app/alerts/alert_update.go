package alerts

import (
	"strconv"

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
	if errs := f.Validate(web.Locale(c)); errs.Any() {
		return h.renderForm(c, fiber.StatusUnprocessableEntity, f, errs, a)
	}
	arm(a, f, h.env.Now().UTC())
	if err := h.env.Store.UpdateAlert(c.UserContext(), a); err != nil {
		return err
	}
	return web.Redirect(c, "/alerts/")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
