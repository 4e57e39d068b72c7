package tracker

import (
	"html/template"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/i18n"
)

// cachedRows renders rows in l, each from the cache when it was rendered
// before. A row is some thirty formatted cells (prices, percent, volume,
// times, translated labels), each a reflective call from the template: it
// was most of the tracker and embed pages' cost, while a quote changes at
// most once per quote interval and is read by every viewer in between.
func (h *Handler) cachedRows(l *i18n.Locale, rows []Row) ([]template.HTML, error) {
	out := make([]template.HTML, len(rows))
	for i, r := range rows {
		html, err := h.rowCache.Get(rowCacheKey(l, r), func() (template.HTML, error) {
			s, err := h.RenderRow(l, r)
			return template.HTML(s), err //nolint:gosec // output of html/template
		})
		if err != nil {
			return nil, err
		}
		out[i] = html
	}
	return out, nil
}

// rowCacheKey names everything partials/tracker_row shows of r in l (the
// name and Known follow from the ticker).
func rowCacheKey(l *i18n.Locale, r Row) string {
	q := r.Quote
	b := make([]byte, 0, 160)
	b = append(b, l.Code...)
	b = append(b, '|')
	b = append(b, r.Ticker...)
	b = append(b, '|')
	b = strconv.AppendBool(b, r.HasQuote)
	b = append(b, '|')
	b = append(b, q.Price.String()...)
	for _, d := range []decimal.NullDecimal{q.PrevClose, q.Open, q.DayLow, q.DayHigh, q.Low52, q.High52} {
		b = append(b, '|')
		if d.Valid {
			b = append(b, d.Decimal.String()...)
		}
	}
	b = append(b, '|')
	b = strconv.AppendInt(b, q.Volume, 10)
	b = append(b, '|')
	b = append(b, q.MarketCap.String()...)
	b = append(b, '|')
	b = strconv.AppendInt(b, q.Time.UnixNano(), 10)
	b = append(b, '|')
	b = strconv.AppendBool(b, q.Stale)
	b = strconv.AppendBool(b, q.Old)
	b = strconv.AppendBool(b, q.Closed)
	return string(b)
}
