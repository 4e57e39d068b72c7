package tracker

import (
	"net/url"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// Embed is the public widget other sites put in an iframe: the tracker's
// rows and cell ids, live through the same quote rooms, no navbar, no login
// and no cookies. ?theme=dark, ?lang=en and ?cols=full work.
func (h *Handler) Embed(c *fiber.Ctx) error {
	tickers, _ := ParseTickers(queryAll(c, "stockpicker"))
	rows, err := h.rows(c, tickers)
	if err != nil {
		return err
	}
	l := web.Locale(c)
	room := quoteRoom(l.Code, rows)
	html, err := h.cachedRows(l, rows)
	if err != nil {
		return err
	}
	web.Framable(c, h.env.Config.EmbedOrigins)
	// ?cols=full shows every column; by default the widget shows the ticker,
	// price, change and time, which fit a 320–720 px blog column. The other
	// cells stay in the markup (hidden), so their ids and live swaps hold.
	full := c.Query("cols") == "full"
	return h.env.RenderPublic(c, fiber.StatusOK, "pages/embed_tracker", fiber.Map{
		"Rows": html, "Room": room, "Refresh": h.refresh(), "Market": h.quotes.Market(h.env.Now()), "Home": h.env.Config.BaseURL,
		"Full": full,
	})
}

// EmbedURL is the widget's address for tickers, shown as a snippet to copy.
func (h *Handler) EmbedURL(tickers []string) string {
	return h.env.Config.BaseURL + "/embed/tracker?" + url.Values{"stockpicker": tickers}.Encode()
}
