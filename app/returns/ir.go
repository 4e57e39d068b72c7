package returns

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/tax"
	"github.com/stonks-b3/stonks/app/web"
)

// IR shows the income-tax helper for one year (?ano=, this year by the Env
// clock): each month with sales, worked out from the whole history so that
// losses, withholding and small DARFs carry in from earlier years, and the
// position at 31/12 for the annual declaration, with the rules cited.
func (h *Handler) IR(c *fiber.Ctx) error {
	this := h.env.Now().In(i18n.SaoPaulo).Year()
	year := this
	if s := c.Query("ano"); s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1994 || y > this {
			return fiber.ErrNotFound
		}
		year = y
	}
	ops, err := h.env.Store.Operations(c.UserContext(), web.User(c).ID)
	if err != nil {
		return err
	}
	book, err := ledger.Replay(ops, "")
	if err != nil {
		return err
	}
	var months []tax.Month
	for _, m := range tax.Months(book.Sales, tax.Rules) {
		if m.Month[:4] == strconv.Itoa(year) {
			months = append(months, m)
		}
	}
	pos, err := tax.Position(ops, year)
	if err != nil {
		return err
	}
	years := []int{}
	for y := this; y >= this-5; y-- {
		years = append(years, y)
	}
	return h.env.Render(c, fiber.StatusOK, "pages/ir", fiber.Map{
		"Title": "Income tax", "Year": year, "Years": years, "Months": months, "Position": pos,
		"Rule": tax.RuleFor(tax.Rules, strconv.Itoa(year)+"-12"), "EndOfYear": time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC),
		"Swing": tax.Swing, "DayTrade": tax.DayTrade, "FII": tax.FII,
	})
}
