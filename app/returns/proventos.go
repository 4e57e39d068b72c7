package returns

import (
	"context"
	"errors"
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
	from, to := dividendWindow(ops, now)
	if err := h.refreshDividends(ctx, tickers, from, to, today); err != nil {
		return err
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

// dividendWindow is the span of ex-dates the pages ask providers for: from
// the first operation (or 13 months back, for the 12-month yield; at most
// ten years) to the coming quarter. One window, so that the daily cache of
// refreshDividends serves every page.
func dividendWindow(ops []db.Operation, now time.Time) (from, to time.Time) {
	from = now.AddDate(-1, -1, 0)
	if len(ops) > 0 && ops[0].Data < from.Format(time.DateOnly) {
		from = ops[0].Day()
	}
	if min := now.AddDate(-10, 0, 0); from.Before(min) {
		from = min
	}
	return from, now.AddDate(0, 3, 0)
}

// refreshDividends asks the provider for the payments of tickers at most
// once a day per ticker (per instance; again when a wider window is needed) and keeps them: the page reads the
// database, so a provider that fails or gives none leaves what was kept.
func (h *Handler) refreshDividends(ctx context.Context, tickers []string, from, to time.Time, today string) error {
	var ds []db.Dividend
	for _, t := range tickers {
		h.mu.Lock()
		a := h.dividendsAsked[t]
		h.mu.Unlock()
		if a.day == today && !from.Before(a.from) {
			continue // asked today for this window or a wider one
		}
		got, err := h.quotes.Dividends(ctx, t, from, to)
		if errors.Is(err, quotes.ErrNoDividends) {
			return nil
		}
		if err != nil {
			h.env.Log.Warn("dividends", "ticker", t, "err", err)
			continue
		}
		for _, d := range got {
			ds = append(ds, db.Dividend{Ticker: d.Ticker, Kind: d.Kind, ExDate: d.Ex, PayDate: d.Pay, PerShare: d.PerShare})
		}
		h.mu.Lock()
		h.dividendsAsked[t] = asked{day: today, from: from}
		h.mu.Unlock()
	}
	return h.env.Store.SaveDividends(ctx, ds)
}
