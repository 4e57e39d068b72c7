package returns

import (
	"slices"
	"sort"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/web"
)

// List shows the user's operations (newest first), the holdings they give
// and the gain or loss realised by each sale.
func (h *Handler) List(c *fiber.Ctx) error {
	ops, err := h.env.Store.Operations(c.UserContext(), web.User(c).ID)
	if err != nil {
		return err
	}
	book, err := ledger.Replay(ops, "")
	if err != nil {
		return err // the store refuses writes that oversell, so this is a bug
	}
	var holdings []ledger.Holding
	for _, h := range book.Holdings {
		if h.Qty > 0 {
			holdings = append(holdings, *h)
		}
	}
	sort.Slice(holdings, func(i, j int) bool { return holdings[i].Ticker < holdings[j].Ticker })
	slices.Reverse(ops)
	sales := slices.Clone(book.Sales)
	slices.Reverse(sales)
	return h.env.Render(c, fiber.StatusOK, "pages/operations", fiber.Map{
		"Title": "Operations", "Ops": ops, "Holdings": holdings, "Sales": sales,
	})
}
