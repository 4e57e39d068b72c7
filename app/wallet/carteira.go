package wallet

import (
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/web"
)

// minRefresh is the slowest a page without JavaScript reloads itself: the
// contribution box is on this page, and a reload every 10 s would wipe an
// amount being typed.
const minRefresh = 30 * time.Second

// Show is /carteira: the table with advice, the contribution box, the pies.
// With ?fragment=table (from htmx) it renders only the table, which the page
// re-fetches whenever a quote of one of its tickers ticks.
func (h *Handler) Show(c *fiber.Ctx) error {
	u, l := web.User(c), web.Locale(c)
	tb, err := h.table(c.UserContext(), u.ID)
	if err != nil {
		return err
	}
	by, dir := c.Query("sort"), c.Query("dir")
	data := fiber.Map{"Title": "Wallet", "Headers": web.SortHeaders("/carteira", nil, by, dir, columnLabels(l))}
	status := fiber.StatusOK
	sell := c.Query("vender") != "" // "rebalancear vendendo": the plan may sell too
	data["Vender"] = sell
	if raw := c.Query("aporte"); raw != "" && !web.IsHTMX(c) {
		data["Aporte"] = raw
		if amount, msg := (AporteForm{Aporte: raw}).Amount(l); msg != "" {
			data["AporteError"], status = msg, fiber.StatusUnprocessableEntity
		} else {
			data["Aporte"] = l.Input(amount, 2)               // shown back as read
			data["Plan"] = PlanContribution(tb, amount, sell) // before sorting: ties go to table (ticker) order
		}
	}
	sortRows(tb.Rows, by, dir)
	data["Table"] = tb
	if data["RowsHTML"], err = h.cachedRows(l, tb.Rows); err != nil {
		return err
	}
	data["Live"] = liveTable(l, tb, by, dir)
	if c.Query("fragment") == "table" && web.IsHTMX(c) {
		return h.env.Render(c, fiber.StatusOK, "partials/wallet_table", data)
	}
	data["Refresh"] = int(max(h.env.Config.QuotesInterval, minRefresh).Round(time.Second) / time.Second)
	data["Full"] = len(tb.Rows) >= MaxItems
	data["Market"] = h.quotes.Market(h.env.Now())
	data["Imported"] = importedNote(c, l)
	return h.env.Render(c, status, "pages/carteira", data)
}

// table loads the user's holdings and their latest quotes and computes the advice.
func (h *Handler) table(ctx context.Context, userID int64) (Table, error) {
	items, err := h.env.Store.WalletItems(ctx, userID)
	if err != nil {
		return Table{}, err
	}
	tickers := make([]string, len(items))
	for i, it := range items {
		tickers[i] = it.Ticker
	}
	qs, err := h.quotes.Latest(ctx, tickers)
	if err != nil {
		// Prices are best effort: the table marks what has none.
		h.env.Log.Warn("quotes unavailable", "err", err)
	}
	return Compute(items, qs), nil
}

// Live is how the table wrapper refreshes itself: it listens to the quote
// room of the wallet's tickers (public, shared with trackers of the same
// set) and re-fetches the table whenever one of them ticks.
type Live struct {
	Room     string // "" when there is nothing to listen to
	Trigger  string // hx-trigger: "sse:quotes delay:300ms"
	Fragment string // hx-get
}

func liveTable(l *i18n.Locale, tb Table, by, dir string) Live {
	tickers := make([]string, 0, len(tb.Rows))
	for _, r := range tb.Rows {
		tickers = append(tickers, r.Item.Ticker)
	}
	room := ""
	if len(tickers) > 0 {
		room = live.QuoteRoom(l.Code, tickers)
	}
	if room == "" {
		return Live{}
	}
	// One event per tick for the room (live.QuotesEvent); the delay folds
	// ticks that come close together into one fetch.
	trig := []string{"sse:" + live.QuotesEvent + " delay:300ms"}
	frag := "/carteira?fragment=table"
	if _, ok := columns[by]; ok {
		frag += "&sort=" + by
		if dir == "desc" {
			frag += "&dir=desc"
		}
	}
	return Live{Room: room, Trigger: strings.Join(trig, ", "), Fragment: frag}
}

// columnLabels names the table's columns, in order.
func columnLabels(l *i18n.Locale) [][2]string {
	return [][2]string{
		{"nota", l.T("Weight")}, {"ativo", l.T("Stock")}, {"preco", l.T("Price")}, {"pm", l.T("Average price")},
		{"qnt", l.T("Shares")}, {"total", l.T("Total")}, {"quero", l.T("Target %%")}, {"tenho", l.T("Held %%")},
		{"quero_din", l.T("Target value")}, {"falta_din", l.T("Gap")}, {"ordem", l.T("Order")}, {"vol", l.T("Shares to trade")},
		{"fechamento", l.T("Previous close")}, {"change", l.T("Day")}, {"fiftytwo", l.T("52 Week")}, {"rm", l.T("Return")},
	}
}
