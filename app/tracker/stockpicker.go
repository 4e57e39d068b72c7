package tracker

import (
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// Picker lists a market's assets to pick for the tracker, filtered by q.
// With htmx, typing in the filter swaps only the list (active search); without
// JavaScript the filter is a plain GET form.
func (h *Handler) Picker(c *fiber.Ctx) error {
	market := strings.ToUpper(c.Params("market"))
	if !slices.Contains(db.Markets, market) {
		return fiber.ErrNotFound
	}
	q := strings.TrimSpace(c.Query("q"))
	assets, err := h.env.Store.Assets(c.UserContext(), market, q)
	if err != nil {
		return err
	}
	// Tickers already ticked stay ticked, and stay in the form as hidden
	// fields while a filter hides them.
	picked, _ := ParseTickers(queryAll(c, "stockpicker"))
	checked := map[string]bool{}
	for _, t := range picked {
		checked[t] = true
	}
	items := make([]pickItem, len(assets))
	for i, a := range assets {
		items[i] = pickItem{Asset: a, Checked: checked[a.Ticker]}
		delete(checked, a.Ticker)
	}
	var hidden []string
	for _, t := range picked {
		if checked[t] {
			hidden = append(hidden, t)
		}
	}
	l := web.Locale(c)
	one, many := l.T("1 selected"), l.T("{n} selected")
	count := strings.ReplaceAll(many, "{n}", l.Int(int64(len(picked))))
	if len(picked) == 1 {
		count = one
	}
	// The count is rendered here; stonks.js updates it from the patterns as
	// boxes are ticked.
	data := fiber.Map{"Title": "Stock picker", "Market": market, "Markets": db.Markets, "Q": q, "Items": items, "Hidden": hidden,
		"Count": count, "CountOne": one, "CountMany": many}
	if web.IsHTMX(c) && c.Get("HX-Target") == "asset-list" {
		return h.env.Render(c, fiber.StatusOK, "partials/picker_list", data)
	}
	return h.env.Render(c, fiber.StatusOK, "pages/stockpicker", data)
}

type pickItem struct {
	db.Asset
	Checked bool
}

// queryAll returns every value of a repeated query parameter.
func queryAll(c *fiber.Ctx, key string) []string {
	var out []string
	for _, v := range c.Context().QueryArgs().PeekMulti(key) {
		out = append(out, string(v))
	}
	return out
}
