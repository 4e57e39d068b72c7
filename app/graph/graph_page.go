package graph

import (
	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// Page shows the chart of one ticker with range links and, for screen
// readers and text browsers, a summary and a table of the latest days.
func (h *Handler) Page(c *fiber.Ctx) error {
	r, all, n, err := h.load(c)
	if err != nil {
		return err
	}
	bars := all[n:]
	data := fiber.Map{"Title": "Price chart", "Asset": r.Asset, "Range": r.Range, "Ranges": Ranges, "Bars": len(bars)}
	if len(bars) > 0 {
		first, last := bars[0], bars[len(bars)-1]
		data["Last"] = last
		if first.Open.IsPositive() {
			data["Change"] = last.Close.Div(first.Open).Sub(decimal.NewFromInt(1)).Mul(decimal.NewFromInt(100))
		}
		recent := make([]quotes.Bar, 0, 10)
		for i := len(bars) - 1; i >= 0 && len(recent) < 10; i-- {
			recent = append(recent, bars[i])
		}
		data["Recent"] = recent
	}
	if web.IsHTMX(c) && c.Get("HX-Target") == "chart" {
		return h.env.Render(c, fiber.StatusOK, "partials/graph_chart", data)
	}
	return h.env.Render(c, fiber.StatusOK, "pages/graph", data)
}
