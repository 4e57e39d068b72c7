package returns

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/app/charts"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// ChartRange is one range of the wallet-against-IBOV chart, the same keys
// as /graph's.
type ChartRange struct {
	Key, Label string
	from       func(now time.Time) time.Time // zero: from the first operation
}

// ChartRanges in the order the links show them; 1y is the default.
var ChartRanges = []ChartRange{
	{"1m", "1 month", func(t time.Time) time.Time { return t.AddDate(0, -1, 0) }},
	{"3m", "3 months", func(t time.Time) time.Time { return t.AddDate(0, -3, 0) }},
	{"6m", "6 months", func(t time.Time) time.Time { return t.AddDate(0, -6, 0) }},
	{"1y", "1 year", func(t time.Time) time.Time { return t.AddDate(-1, 0, 0) }},
	{"5y", "5 years", func(t time.Time) time.Time { return t.AddDate(-5, 0, 0) }},
	{"max", "max", func(time.Time) time.Time { return time.Time{} }},
}

func chartRange(key string) (ChartRange, bool) {
	if key == "" {
		key = "1y"
	}
	for _, r := range ChartRanges {
		if r.Key == key {
			return r, true
		}
	}
	return ChartRange{}, false
}

// carryDays is how far before a range's start closes are read, so a close
// (or the index) carries into its first days after a holiday run.
const carryDays = 15

// valueSeries loads what ValueSeries needs for the wallet of ops (the
// user's own operations, oldest first) over r: the daily closes of every
// asset they ever traded, and the index. A ticker or index the provider
// cannot give is left out (the operation price stands in; the index line
// is missing), as the P/L table does without a quote.
func (h *Handler) valueSeries(ctx context.Context, ops []db.Operation, r ChartRange) ([]ValuePoint, error) {
	if len(ops) == 0 {
		return nil, nil
	}
	now := h.env.Now().In(quotes.BRT)
	from := r.from(now)
	first, err := time.ParseInLocation(time.DateOnly, ops[0].Data, quotes.BRT)
	if err != nil {
		return nil, err
	}
	if from.Before(first) {
		from = first
	}
	load := from.AddDate(0, 0, -carryDays)
	closes := map[string][]quotes.Bar{}
	for _, o := range ops {
		if _, ok := closes[o.Ticker]; ok {
			continue
		}
		bars, err := h.quotes.History(ctx, o.Ticker, load, now)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err != nil {
			bars = nil
		}
		closes[o.Ticker] = bars
	}
	index, err := h.quotes.IndexHistory(ctx, load, now)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err != nil {
		index = nil
	}
	return ValueSeries(ops, closes, index, from, now), nil
}

// Chart serves /operacoes/chart.svg: the wallet's value against the
// IBOVESPA over ?range=, both rebased to 100. Its ETag is a hash of every
// point drawn with the range, theme and language, so a revalidation is a
// 304 without drawing.
func (h *Handler) Chart(c *fiber.Ctx) error {
	r, ok := chartRange(c.Query("range"))
	if !ok {
		return fiber.ErrNotFound
	}
	theme := "light"
	if c.Query("theme") == "dark" {
		theme = "dark"
	}
	l := web.Locale(c)
	ops, err := h.env.Store.Operations(c.UserContext(), web.User(c).ID)
	if err != nil {
		return err
	}
	pts, err := h.valueSeries(c.UserContext(), ops, r)
	if err != nil {
		return err
	}
	if len(pts) == 0 {
		return fiber.ErrNotFound
	}
	hash := sha256.New()
	fmt.Fprintf(hash, "v1|%s|%s|%s", r.Key, theme, l.Code)
	for _, p := range pts {
		fmt.Fprintf(hash, "|%s %s %s %s", p.Day.Format(time.DateOnly), p.Value, p.Wallet, p.Index.Decimal)
	}
	etag := `"` + hex.EncodeToString(hash.Sum(nil)[:12]) + `"`
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, "private, max-age=300")
	c.Set(fiber.HeaderContentType, "image/svg+xml")
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	days := make([]time.Time, len(pts))
	wallet := make([]decimal.NullDecimal, len(pts))
	index := make([]decimal.NullDecimal, len(pts))
	for i, p := range pts {
		days[i], wallet[i], index[i] = p.Day, decimal.NewNullDecimal(p.Wallet), p.Index
	}
	layout := "02/01/06"
	if l == i18n.En {
		layout = "01/02/06"
	}
	svg, err := charts.Lines(days, []charts.Line{{Name: l.T("Wallet"), Values: wallet}, {Name: "IBOV", Values: index}},
		charts.LineOptions{
			Title: l.T("Wallet against IBOV") + " · " + l.T(r.Label),
			Desc:  chartDesc(l, r, pts),
			Theme: theme, DateLayout: layout, Locale: l,
		})
	if err != nil {
		return err
	}
	return c.Send(svg)
}

// chartDesc is the chart's text alternative: what it shows and where both
// lines end.
func chartDesc(l *i18n.Locale, r ChartRange, pts []ValuePoint) string {
	last := pts[len(pts)-1]
	s := l.T("The wallet's value against the IBOVESPA over %s, both 100 on %s.", l.T(r.Label), l.Date(pts[0].Day)) +
		" " + l.T("On %s: wallet %s (%s).", l.Date(last.Day), l.Decimal(last.Wallet, 2), l.Money(last.Value))
	if last.Index.Valid {
		s += " " + l.T("IBOV %s.", l.Decimal(last.Index.Decimal, 2))
	}
	return s
}

// chartData is what /operacoes shows of the chart of the wallet of ops: the
// range links, the image and, for screen readers and without images, the
// latest points.
func (h *Handler) chartData(c *fiber.Ctx, ops []db.Operation, r ChartRange) (fiber.Map, error) {
	pts, err := h.valueSeries(c.UserContext(), ops, r)
	if err != nil || len(pts) == 0 {
		return nil, err
	}
	recent := slices.Clone(pts[max(0, len(pts)-10):])
	slices.Reverse(recent)
	return fiber.Map{"Range": r, "Ranges": ChartRanges, "Recent": recent, "Desc": chartDesc(web.Locale(c), r, pts)}, nil
}
