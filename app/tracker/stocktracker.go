package tracker

import (
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// Tracker shows the live table of the picked tickers. Everyone watching the
// same set (in the same language) shares one quote room.
func (h *Handler) Tracker(c *fiber.Ctx) error {
	values, more, err := resolveNames(c.UserContext(), h.env.Store, queryAll(c, "stockpicker"))
	if err != nil {
		return err
	}
	tickers, bad := ParseTickers(values)
	by, dir := c.Query("sort"), c.Query("dir")
	rows, err := h.rows(c, tickers)
	if err != nil {
		return err
	}
	sortRows(rows, by, dir)
	l := web.Locale(c)
	room := quoteRoom(l.Code, rows)
	labels := [][2]string{{"ticker", l.T("Stock")}, {"price", l.T("Price")}, {"close", l.T("Close")}, {"open", l.T("Open")},
		{"change", l.T("Change")}, {"cap", l.T("Market Cap")}, {"volume", l.T("Volume")}}
	hs := web.SortHeaders("/stocktracker", url.Values{"stockpicker": tickers}, by, dir, labels)
	html, err := h.cachedRows(l, rows)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/stocktracker", fiber.Map{
		"Title": "Stock tracker", "Rows": html, "Bad": bad, "More": more, "Tickers": tickers, "Room": room, "Headers": hs,
		"Refresh": h.refresh(), "Market": h.quotes.Market(h.env.Now()), "EmbedURL": h.EmbedURL(tickers), "EmbedHeight": 80 + 42*len(rows),
	})
}

// rows builds the table rows with the latest known quotes (fetched once if
// nobody was watching these tickers yet).
func (h *Handler) rows(c *fiber.Ctx, tickers []string) ([]Row, error) {
	known := make([]string, 0, len(tickers))
	for _, t := range tickers {
		if newRow(t, quotes.Quote{}, false).Known {
			known = append(known, t)
		}
	}
	qs, err := h.quotes.Latest(c.UserContext(), known)
	if err != nil && len(qs) == 0 && len(known) > 0 {
		h.env.Log.Warn("quotes unavailable", "err", err)
	}
	rows := make([]Row, 0, len(tickers))
	for _, t := range tickers {
		q, ok := qs[t]
		rows = append(rows, newRow(t, q, ok))
	}
	return rows, nil
}

// quoteRoom is the stream of the listed tickers among rows, or "" if none:
// the stream rule refuses a room naming an unlisted ticker (it would reach
// the quote provider), and "not found" rows have nothing to update anyway.
func quoteRoom(lang string, rows []Row) string {
	var listed []string
	for _, r := range rows {
		if r.Known {
			listed = append(listed, r.Ticker)
		}
	}
	if len(listed) == 0 {
		return ""
	}
	return live.QuoteRoom(lang, listed)
}

// refresh is the <noscript> reload period in seconds: one quote interval.
func (h *Handler) refresh() int {
	return max(1, int(h.env.Config.QuotesInterval.Round(time.Second)/time.Second))
}
