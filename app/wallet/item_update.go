package wallet

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// item loads the :id holding of the logged-in user; another user's holding
// is a 404 like a missing one, so ids of others' holdings do not leak.
func (h *Handler) item(c *fiber.Ctx) (*db.WalletItem, error) {
	id, err := c.ParamsInt("id")
	if err != nil || id <= 0 {
		return nil, fiber.ErrNotFound
	}
	it, err := h.env.Store.WalletItem(c.UserContext(), web.User(c).ID, int64(id))
	if errors.Is(err, db.ErrNotFound) {
		return nil, fiber.ErrNotFound
	}
	return it, err
}

func updateAction(id int64) string { return "/update-carteira/" + strconv.FormatInt(id, 10) + "/" }

// UpdatePage shows the form filled with the holding.
func (h *Handler) UpdatePage(c *fiber.Ctx) error {
	it, err := h.item(c)
	if err != nil {
		return err
	}
	return h.renderForm(c, fiber.StatusOK, updateAction(it.ID), fromItem(*it, web.Locale(c)), nil, nil)
}

// Update saves the holding; the ticker may change, but not to one held already.
func (h *Handler) Update(c *fiber.Ctx) error {
	it, err := h.item(c)
	if err != nil {
		return err
	}
	f := new(ItemForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	l := web.Locale(c)
	errs := f.Validate(l)
	var held *db.WalletItem
	if !errs.Any() {
		next := f.Item(it.UserID)
		next.ID, next.CreatedAt = it.ID, it.CreatedAt
		switch err := h.env.Store.UpdateWalletItem(c.UserContext(), &next, h.env.Now()); {
		case errors.Is(err, db.ErrTaken):
			held, _ = h.env.Store.WalletItemByTicker(c.UserContext(), it.UserID, next.Ticker)
			errs.Add("ativo", l.T("You already hold %s.", next.Ticker))
		case errors.Is(err, db.ErrNotFound):
			return fiber.ErrNotFound
		case errors.Is(err, db.ErrFromOperations):
			// Shares and average price come from the trades (/operacoes).
			errs.Add("quantidade", l.T("These come from your operations: add a buy or a sell instead."))
		case err != nil:
			return err
		default:
			return web.Redirect(c, "/carteira")
		}
	}
	return h.renderForm(c, fiber.StatusUnprocessableEntity, updateAction(it.ID), f, errs, held)
}
