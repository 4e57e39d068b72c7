package graph

import (
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/charts"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db/data"
)

// lead is how many candles before the range are fetched to warm up the MA50.
const lead = 49

// request is what both routes read from the query: a known ticker and a range.
type request struct {
	Asset data.Asset
	Range Range
}

// load reads the request and returns its bars, the first n of which only
// warm up the moving averages.
func (h *Handler) load(c *fiber.Ctx) (r request, bars []quotes.Bar, n int, err error) {
	if r, err = parse(c); err != nil {
		return r, nil, 0, err
	}
	bars, n, err = h.bars(c.UserContext(), r)
	return r, bars, n, err
}

func parse(c *fiber.Ctx) (request, error) {
	a, ok := data.Lookup(strings.TrimSpace(c.Query("ticker")))
	if !ok {
		return request{}, fiber.ErrNotFound
	}
	r, ok := rangeOf(c.Query("range"))
	if !ok {
		return request{}, fiber.ErrNotFound
	}
	return request{Asset: a, Range: r}, nil
}

// bars returns the range's daily bars with earlier ones in front, enough for
// `lead` candles of the range's period, and how many of those lead bars
// there are. A weekly or monthly range starts at the start of its first
// period, so no candle is cut in two.
func (h *Handler) bars(ctx context.Context, r request) ([]quotes.Bar, int, error) {
	now := h.env.Now()
	from := r.Range.from(now)
	var warm time.Time // zero for the whole history
	switch {
	case from.IsZero():
	case r.Range.Period == charts.Weekly:
		from = r.Range.Period.Start(from.In(quotes.BRT))
		warm = from.AddDate(0, 0, -7*lead)
	case r.Range.Period == charts.Monthly:
		from = r.Range.Period.Start(from.In(quotes.BRT))
		warm = from.AddDate(0, -lead, 0)
	default:
		warm = from.AddDate(0, 0, -lead*7/5-10) // calendar days covering `lead` trading days
	}
	all, err := h.quotes.History(ctx, r.Asset.Ticker, warm, now)
	if err != nil {
		return nil, 0, err
	}
	n := 0
	for n < len(all) && all[n].Day.Before(from) {
		n++
	}
	if r.Range.Period == charts.Daily && n > lead {
		all, n = all[n-lead:], lead
	}
	return all, n, nil
}
