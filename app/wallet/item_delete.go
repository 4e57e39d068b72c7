package wallet

import (
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// DeletePage asks for confirmation.
func (h *Handler) DeletePage(c *fiber.Ctx) error {
	it, err := h.item(c)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/carteira_delete", fiber.Map{"Title": "Wallet", "Item": it})
}

// Delete removes the holding.
func (h *Handler) Delete(c *fiber.Ctx) error {
	it, err := h.item(c)
	if err != nil {
		return err
	}
	err = h.env.Store.DeleteWalletItem(c.UserContext(), web.User(c).ID, it.ID)
	if errors.Is(err, db.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/carteira")
}
