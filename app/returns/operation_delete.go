package returns

import (
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// DeletePage asks to confirm deleting the user's operation :id.
func (h *Handler) DeletePage(c *fiber.Ctx) error {
	op, err := h.operation(c)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/operation_delete", fiber.Map{"Title": "Operations", "Op": op})
}

// Delete removes it; a buy whose shares were later sold cannot go (the sale
// would then be of more than was held), and the page says why.
func (h *Handler) Delete(c *fiber.Ctx) error {
	op, err := h.operation(c)
	if err != nil {
		return err
	}
	var oversold *ledger.OversoldError
	switch err := h.env.Store.DeleteOperation(c.UserContext(), op.UserID, op.ID, ledger.Derive, h.env.Now()); {
	case errors.As(err, &oversold):
		return h.env.Render(c, fiber.StatusUnprocessableEntity, "pages/operation_delete", fiber.Map{
			"Title": "Operations", "Op": op, "Problem": oversoldMessage(web.Locale(c), oversold)})
	case errors.Is(err, db.ErrNotFound):
		return fiber.ErrNotFound
	case err != nil:
		return err
	}
	return web.Redirect(c, "/operacoes")
}
