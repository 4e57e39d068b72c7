package wallet

import (
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// CreatePage shows the form to add a holding; ?ativo= pre-fills the ticker
// (links from the tracker and the charts).
func (h *Handler) CreatePage(c *fiber.Ctx) error {
	return h.renderForm(c, fiber.StatusOK, "/create-carteira/", &ItemForm{Ativo: c.Query("ativo")}, nil, nil)
}

// Create adds a holding. A ticker already held is refused next to the field
// with a link to edit it, rather than silently overwritten or summed: the
// average price of a merged position depends on what the user means.
func (h *Handler) Create(c *fiber.Ctx) error {
	f := new(ItemForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	u, l := web.User(c), web.Locale(c)
	ctx := c.UserContext()
	errs := f.Validate(l)
	var held *db.WalletItem
	if !errs.Any() {
		it := f.Item(u.ID)
		// The cap is checked in the insert's transaction: a count here
		// first raced with parallel creates.
		switch err := h.env.Store.CreateWalletItem(ctx, &it, h.env.Now()); {
		case errors.Is(err, db.ErrTaken):
			if held, err = h.env.Store.WalletItemByTicker(ctx, u.ID, it.Ticker); err != nil {
				return err
			}
			errs.Add("ativo", l.T("You already hold %s.", it.Ticker))
		case errors.Is(err, db.ErrFull):
			errs.Add("", l.T("A wallet holds at most %d assets.", MaxItems))
		case err != nil:
			return err
		default:
			return web.Redirect(c, "/carteira")
		}
	}
	return h.renderForm(c, fiber.StatusUnprocessableEntity, "/create-carteira/", f, errs, held)
}

// renderForm shows the create or update form; held is the holding that
// makes the ticker a duplicate, linked from the message.
func (h *Handler) renderForm(c *fiber.Ctx, status int, action string, f *ItemForm, errs forms.Errors, held *db.WalletItem) error {
	return h.env.Render(c, status, "pages/carteira_form", fiber.Map{
		"Title": "Wallet", "Action": action, "Form": f, "Errors": errs, "Held": held,
		"Create": action == "/create-carteira/",
	})
}
