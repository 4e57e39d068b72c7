package returns

import (
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// List shows the user's profit and loss per asset (live with the quotes),
// the gain or loss realised by each sale, and every operation, newest
// first. With ?fragment=pl (htmx, on a quote tick) it renders only the
// profit and loss table; with ?fragment=chart only the chart of the
// wallet against IBOV over ?range=.
func (h *Handler) List(c *fiber.Ctx) error {
	r, ok := chartRange(c.Query("range"))
	if !ok {
		return fiber.ErrNotFound
	}
	ctx := c.UserContext()
	ops, err := h.env.Store.Operations(ctx, web.User(c).ID)
	if err != nil {
		return err
	}
	if c.Query("fragment") == "chart" && web.IsHTMX(c) {
		chart, err := h.chartData(c, ops, r)
		if err != nil {
			return err
		}
		return h.env.Render(c, fiber.StatusOK, "partials/pl_chart", fiber.Map{"Chart": chart})
	}
	book, err := ledger.Replay(ops, "")
	if err != nil {
		return err // the store refuses writes that oversell, so this is a bug
	}
	var held []string
	for t, hd := range book.Holdings {
		if hd.Qty > 0 {
			held = append(held, t)
		}
	}
	slices.Sort(held)
	qs := map[string]quotes.Quote{}
	if len(held) > 0 {
		// A provider failure leaves the prices out; the page says so.
		if got, _ := h.quotes.Latest(ctx, held); got != nil {
			qs = got
		}
	}
	var pays []Payment
	if len(ops) > 0 {
		today := h.today()
		tickers := make([]string, 0, len(book.Holdings))
		for t := range book.Holdings {
			tickers = append(tickers, t)
		}
		// Income counts in the total return: the same payments /proventos shows.
		from, to := dividendWindow(ops, h.env.Now().In(i18n.SaoPaulo))
		if err := h.refreshDividends(ctx, tickers, from, to, today); err != nil {
			return err
		}
		divs, err := h.env.Store.Dividends(ctx, tickers, ops[0].Data, today)
		if err != nil {
			return err
		}
		pays = Payments(ops, divs, today)
	}
	l := web.Locale(c)
	data := fiber.Map{"Title": "Operations", "PL": ProfitAndLoss(book, pays, qs), "Live": plLive(l, held)}
	if c.Query("fragment") == "pl" && web.IsHTMX(c) {
		return h.env.Render(c, fiber.StatusOK, "partials/pl_table", data)
	}
	if data["Chart"], err = h.chartData(c, ops, r); err != nil {
		return err
	}
	slices.Reverse(ops)
	sales := slices.Clone(book.Sales)
	slices.Reverse(sales)
	data["Ops"], data["Sales"] = ops, sales
	return h.env.Render(c, fiber.StatusOK, "pages/operations", data)
}

// plLive is how the profit and loss table refreshes itself: like the
// wallet's table, it listens to the quote room of the assets held and
// re-fetches itself when one ticks.
func plLive(l *i18n.Locale, held []string) map[string]string {
	if len(held) == 0 {
		return nil
	}
	trig := []string{"sse:" + live.QuotesEvent + " delay:300ms"} // one event per tick for the room
	return map[string]string{"Room": live.QuoteRoom(l.Code, held), "Trigger": strings.Join(trig, ", "), "Fragment": "/operacoes?fragment=pl"}
}
