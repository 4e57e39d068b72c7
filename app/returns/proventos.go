package returns

import (
	"slices"
	"sort"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// Proventos shows, for the user's holdings, what each paid (received, per
// share, yield on cost, last 12 months' dividend yield) and a calendar of
// past and coming payments.
func (h *Handler) Proventos(c *fiber.Ctx) error {
	ctx := c.UserContext()
	ops, err := h.env.Store.Operations(ctx, web.User(c).ID)
	if err != nil {
		return err
	}
	now := h.env.Now().In(i18n.SaoPaulo)
	today := now.Format(time.DateOnly)
	book, err := ledger.Replay(ops, "")
	if err != nil {
		return err
	}
	var (
		tickers  []string
		holdings []ledger.Holding
	)
	for t, hd := range book.Holdings {
		tickers = append(tickers, t)
		if hd.Qty > 0 {
			holdings = append(holdings, *hd)
		}
	}
	sort.Strings(tickers)
	sort.Slice(holdings, func(i, j int) bool { return holdings[i].Ticker < holdings[j].Ticker })
	from := now.AddDate(-1, -1, 0) // 12 months of yield, and the month before
	if len(ops) > 0 && ops[0].Data < from.Format(time.DateOnly) {
		from = ops[0].Day()
	}
	if min := now.AddDate(-10, 0, 0); from.Before(min) {
		from = min
	}
	to := now.AddDate(0, 3, 0) // the coming quarter
	if h.env.Config.QuotesProvider == "sim" {
		// The simulator announces its payments as a provider would: kept,
		// so a page and the next agree (idempotent: same ticker, kind, date).
		var ds []db.Dividend
		for _, t := range tickers {
			for _, d := range quotes.SimDividends(t, from, to) {
				ds = append(ds, db.Dividend{Ticker: d.Ticker, Kind: d.Kind, ExDate: d.Ex, PayDate: d.Pay, PerShare: d.PerShare})
			}
		}
		if err := h.env.Store.SaveDividends(ctx, ds); err != nil {
			return err
		}
	}
	divs, err := h.env.Store.Dividends(ctx, tickers, from.Format(time.DateOnly), to.Format(time.DateOnly))
	if err != nil {
		return err
	}
	prices := map[string]decimal.Decimal{}
	if len(holdings) > 0 {
		held := make([]string, len(holdings))
		for i, hd := range holdings {
			held[i] = hd.Ticker
		}
		qs, _ := h.quotes.Latest(ctx, held) // a missing price only hides the yield
		for t, q := range qs {
			prices[t] = q.Price
		}
	}
	pays := Payments(ops, divs, today)
	var coming, past []Payment
	total := decimal.Zero
	for _, p := range pays {
		if p.Paid {
			past = append(past, p)
			total = total.Add(p.Amount)
		} else {
			coming = append(coming, p)
		}
	}
	slices.Reverse(past)
	return h.env.Render(c, fiber.StatusOK, "pages/proventos", fiber.Map{
		"Title": "Proventos", "Incomes": Incomes(holdings, pays, divs, prices, today),
		"Coming": coming, "Past": past, "Total": total,
	})
}
