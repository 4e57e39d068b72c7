package wallet

import (
	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/charts"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/web"
)

// PieWeights is the SVG pie of target weights per asset: the quoted ones,
// as in the table's quero% and the plan (a holding that cannot be valued
// has no target until its price comes).
func (h *Handler) PieWeights(c *fiber.Ctx) error {
	l := web.Locale(c)
	tb, err := h.table(c.UserContext(), web.User(c).ID)
	if err != nil {
		return err
	}
	slices := make([]charts.Slice, 0, len(tb.Rows))
	for _, r := range tb.Rows {
		if r.HasQuote {
			slices = append(slices, charts.Slice{Label: r.Item.Ticker, Value: r.Item.Nota})
		}
	}
	return h.pie(c, l, slices, l.T("Target weight per asset"))
}

// PieMarkets is the SVG pie of the value held per market (IBOV, IFIX),
// from the quoted holdings, as in patrimonio.
func (h *Handler) PieMarkets(c *fiber.Ctx) error {
	l := web.Locale(c)
	tb, err := h.table(c.UserContext(), web.User(c).ID)
	if err != nil {
		return err
	}
	by := map[string]decimal.Decimal{}
	var order []string
	for _, r := range tb.Rows {
		if !r.HasQuote {
			continue
		}
		if _, ok := by[r.Market]; !ok {
			order = append(order, r.Market)
		}
		by[r.Market] = by[r.Market].Add(r.Total)
	}
	slices := make([]charts.Slice, 0, len(order))
	for _, m := range order {
		slices = append(slices, charts.Slice{Label: m, Value: by[m]})
	}
	return h.pie(c, l, slices, l.T("Value held per market"))
}

func (h *Handler) pie(c *fiber.Ctx, l *i18n.Locale, slices []charts.Slice, title string) error {
	svg, err := charts.Pie(slices, charts.PieOptions{
		Title: title, Width: 480, Height: 320, Theme: web.Theme(c),
		Empty:   l.T("Nothing to show"),
		Other:   l.T("Others"),
		Percent: func(d decimal.Decimal) string { return l.Decimal(d, 1) + "%" },
	})
	if err != nil {
		return err
	}
	// The pie changes with the holdings and the quotes, and is this user's only.
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	c.Set(fiber.HeaderVary, "Cookie, Accept-Language")
	c.Set(fiber.HeaderContentType, "image/svg+xml")
	return c.Send(svg)
}
