package alerts

import (
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/db"
)

// ConfirmPage shows the address a link confirms, with a button: opening the
// link changes nothing, so mail scanners that follow links confirm nothing.
// Public: the address's owner need not have an account.
func (h *Handler) ConfirmPage(c *fiber.Ctx) error {
	e, err := h.env.Store.AddressByToken(c.UserContext(), HashToken(c.Params("token")), h.env.Now())
	if errors.Is(err, db.ErrNotFound) {
		return h.renderConfirm(c, fiber.StatusNotFound, "", false)
	}
	if err != nil {
		return err
	}
	return h.renderConfirm(c, fiber.StatusOK, e.Email, false)
}

// Confirm confirms the address of a valid link, once; the notices waiting
// for it go out with the sender's next run.
func (h *Handler) Confirm(c *fiber.Ctx) error {
	e, err := h.env.Store.ConfirmByToken(c.UserContext(), HashToken(c.Params("token")), h.env.Now())
	if errors.Is(err, db.ErrNotFound) {
		return h.renderConfirm(c, fiber.StatusNotFound, "", false)
	}
	if err != nil {
		return err
	}
	return h.renderConfirm(c, fiber.StatusOK, e.Email, true)
}

func (h *Handler) renderConfirm(c *fiber.Ctx, status int, email string, confirmed bool) error {
	return h.env.Render(c, status, "pages/confirm_email", fiber.Map{
		"Title": "Confirm your e-mail address", "Email": email, "Confirmed": confirmed,
		"Action": "/confirm-email/" + TokenShape(c.Params("token")) + "/",
	})
}

// TokenShape keeps a token only when it has the shape NewToken gives, so the
// form's action never carries anything else.
func TokenShape(token string) string {
	for _, r := range token {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return ""
		}
	}
	return token
}
