package returns

import (
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// today is the date in Brasília by the Env clock: the last date a trade may have.
func (h *Handler) today() string { return h.env.Now().In(i18n.SaoPaulo).Format(time.DateOnly) }

// CreatePage shows the form for a new operation; ?ativo= pre-fills the ticker.
func (h *Handler) CreatePage(c *fiber.Ctx) error {
	f := &OperationForm{Ativo: c.Query("ativo"), Data: h.today(), Tipo: db.Buy}
	return h.renderForm(c, fiber.StatusOK, "/create-operacao/", f, nil)
}

// Create adds an operation.
func (h *Handler) Create(c *fiber.Ctx) error {
	return h.save(c, "/create-operacao/", nil)
}

// UpdatePage shows the form filled with the user's operation :id.
func (h *Handler) UpdatePage(c *fiber.Ctx) error {
	op, err := h.operation(c)
	if err != nil {
		return err
	}
	return h.renderForm(c, fiber.StatusOK, updateAction(op.ID), fromOperation(*op, web.Locale(c)), nil)
}

// Update saves the user's operation :id.
func (h *Handler) Update(c *fiber.Ctx) error {
	op, err := h.operation(c)
	if err != nil {
		return err
	}
	return h.save(c, updateAction(op.ID), op)
}

// save validates the form and writes it (a new operation when old is nil); the holding is re-derived in the
// same transaction, so a sale of more than was held is refused next to the
// quantity and nothing is written.
func (h *Handler) save(c *fiber.Ctx, action string, old *db.Operation) error {
	f := new(OperationForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	u, l := web.User(c), web.Locale(c)
	errs := f.Validate(l, h.today())
	if !errs.Any() {
		op := f.Operation(u.ID)
		if old != nil {
			// An edited opening balance stays one: the wallet may still retype it.
			op.ID, op.Abertura = old.ID, old.Abertura
		}
		var oversold *ledger.OversoldError
		switch err := h.env.Store.SaveOperation(c.UserContext(), &op, ledger.Derive, h.env.Now()); {
		case errors.As(err, &oversold):
			errs.Add("quantidade", oversoldMessage(l, oversold))
		case errors.Is(err, db.ErrFull):
			errs.Add("", l.T("A wallet holds at most %d assets.", db.MaxWalletItems))
		case errors.Is(err, db.ErrNotFound):
			return fiber.ErrNotFound
		case err != nil:
			return err
		default:
			return web.Redirect(c, "/operacoes")
		}
	}
	return h.renderForm(c, fiber.StatusUnprocessableEntity, action, f, errs)
}

func oversoldMessage(l *i18n.Locale, e *ledger.OversoldError) string {
	d, _ := time.Parse(time.DateOnly, e.Date)
	return l.T("On %s you held only %s shares of %s: a sale cannot be larger.", l.Date(d), l.Int(e.Held), e.Ticker)
}

// operation loads the :id operation of the logged-in user; anyone else's is
// a 404 like a missing one.
func (h *Handler) operation(c *fiber.Ctx) (*db.Operation, error) {
	id, err := c.ParamsInt("id")
	if err != nil || id <= 0 {
		return nil, fiber.ErrNotFound
	}
	op, err := h.env.Store.Operation(c.UserContext(), web.User(c).ID, int64(id))
	if errors.Is(err, db.ErrNotFound) {
		return nil, fiber.ErrNotFound
	}
	return op, err
}

func updateAction(id int64) string { return "/update-operacao/" + strconv.FormatInt(id, 10) + "/" }

func (h *Handler) renderForm(c *fiber.Ctx, status int, action string, f *OperationForm, errs forms.Errors) error {
	return h.env.Render(c, status, "pages/operation_form", fiber.Map{
		"Title": "Operations", "Action": action, "Form": f, "Errors": errs,
		"Create": action == "/create-operacao/", "Today": h.today(),
	})
}
