package graph

import (
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db/data"
)

// lead is how many bars before the range are fetched to warm up the MA50.
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

// bars returns the range's bars with up to `lead` earlier ones in front, and
// how many of those lead bars there are.
func (h *Handler) bars(ctx context.Context, r request) ([]quotes.Bar, int, error) {
	now := time.Now()
	from := r.Range.from(now)
	warm := from.AddDate(0, 0, -lead*7/5-10) // calendar days covering `lead` trading days
	if from.IsZero() {
		warm = time.Time{}
	}
	all, err := h.quotes.History(ctx, r.Asset.Ticker, warm, now)
	if err != nil {
		return nil, 0, err
	}
	n := 0
	for n < len(all) && all[n].Day.Before(from) {
		n++
	}
	if n > lead {
		all, n = all[n-lead:], lead
	}
	return all, n, nil
}
