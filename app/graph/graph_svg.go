package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/charts"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// SVG serves the candlestick chart. Its ETag is derived from what the chart
// is drawn from (ticker, range, theme, language and the last bar), so a
// revalidation is answered 304 without drawing anything.
//
// A chart already drawn is served before any other work: the bars depend only
// on the ticker's stored history, which changes only with a fetch (its
// fetched_at, one primary-key read), and on the day the range ends. Loading
// and scanning a year of bars cost more than the rest of the request.
func (h *Handler) SVG(c *fiber.Ctx) error {
	r, err := parse(c)
	if err != nil {
		return err
	}
	theme := "light"
	if c.Query("theme") == "dark" {
		theme = "dark"
	}
	l := web.Locale(c)
	now := h.env.Now()
	fetched, err := h.env.Store.HistoryFetchedAt(c.UserContext(), r.Asset.Ticker)
	if err != nil {
		return err
	}
	// Only a history fetched today is final for today: otherwise the
	// request below fetches, and the key would name data about to change.
	var key string
	if !fetched.IsZero() && sameDay(fetched, now) {
		key = fmt.Sprintf("%s|%s|%s|%s|%d|%s", r.Asset.Ticker, r.Range.Key, theme, l.Code,
			fetched.UnixNano(), now.In(quotes.BRT).Format(time.DateOnly))
		if etag, ok := h.etags.get(key); ok {
			if svg, ok := h.cache.get(etag); ok {
				return sendSVG(c, etag, svg)
			}
		}
	}
	all, n, err := h.bars(c.UserContext(), r)
	if err != nil {
		return err
	}
	if len(all) == n {
		return fiber.ErrNotFound
	}
	last := all[len(all)-1]
	// v2: candles by period, labels by locale; older drawings must not be reused.
	sum := sha256.Sum256(fmt.Appendf(nil, "v2|%s|%s|%s|%s|%d|%s|%s", r.Asset.Ticker, r.Range.Key, theme, l.Code, len(all), last.Day, last.Close))
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		setSVGHeaders(c, etag)
		return c.SendStatus(fiber.StatusNotModified)
	}
	svg, err := h.draw(etag, func() ([]byte, error) {
		layout := "02/01/06"
		if l == i18n.En {
			layout = "01/02/06"
		}
		bars, lead := candles(all, n, r.Range.Period)
		title := r.Asset.Ticker + " · " + r.Asset.Name + " · " + l.T(r.Range.Label)
		if k := r.Range.Candles(); k != "" {
			title += " · " + l.T(k)
		}
		return charts.Candles(bars, charts.CandleOptions{
			Title: title,
			Theme: theme, Lead: lead, DateLayout: layout, Locale: l,
		})
	})
	if err != nil {
		return err
	}
	if key != "" {
		h.etags.put(key, etag)
	}
	return sendSVG(c, etag, svg)
}

func setSVGHeaders(c *fiber.Ctx, etag string) {
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, "private, max-age=300")
	c.Set(fiber.HeaderContentType, "image/svg+xml")
}

// sendSVG answers a revalidation with 304, else with the chart.
func sendSVG(c *fiber.Ctx, etag string, svg []byte) error {
	setSVGHeaders(c, etag)
	if c.Get(fiber.HeaderIfNoneMatch) == etag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	return c.Send(svg)
}

func sameDay(a, b time.Time) bool {
	ya, ma, da := a.In(quotes.BRT).Date()
	yb, mb, db := b.In(quotes.BRT).Date()
	return ya == yb && ma == mb && da == db
}

// draw returns the cached SVG for etag or renders and keeps it.
func (h *Handler) draw(etag string, render func() ([]byte, error)) ([]byte, error) {
	if svg, ok := h.cache.get(etag); ok {
		return svg, nil
	}
	svg, err := render()
	if err != nil {
		return nil, err
	}
	h.cache.put(etag, svg)
	return svg, nil
}

// candles turns the daily bars (the first n of them warm-up only) into the
// range's candles, with at most `lead` warm-up candles in front so the moving
// averages are computed on the candles drawn.
func candles(all []quotes.Bar, n int, p charts.Period) ([]quotes.Bar, int) {
	if p == charts.Daily {
		return all, n
	}
	warm := charts.Aggregate(all[:n], p)
	if len(warm) > lead {
		warm = warm[len(warm)-lead:]
	}
	drawn := charts.Aggregate(all[n:], p)
	// A new slice: appending to warm could write over all's bars.
	return append(append(make([]quotes.Bar, 0, len(warm)+len(drawn)), warm...), drawn...), len(warm)
}
