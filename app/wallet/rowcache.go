package wallet

import (
	"html/template"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/i18n"
)

// cachedRows renders rows in l, each from the cache when it was rendered
// before, as the tracker does: a row is some twenty-five formatted cells and
// as many translated labels, each a reflective call from the template, which
// made /carteira's template most of its cost; while the quotes stand still
// every view of the wallet prints the same.
func (h *Handler) cachedRows(l *i18n.Locale, rows []Row) ([]template.HTML, error) {
	out := make([]template.HTML, len(rows))
	for i, r := range rows {
		html, err := h.rowCache.Get(rowCacheKey(l, r), func() (template.HTML, error) {
			s, err := h.env.RenderString("partials/wallet_row", map[string]any{"L": l, "Row": r})
			return template.HTML(s), err //nolint:gosec // output of html/template
		})
		if err != nil {
			return nil, err
		}
		out[i] = html
	}
	return out, nil
}

// rowCacheKey names everything partials/wallet_row shows of r in l; Up,
// Down, TS and the day's change follow from the quote's fields here.
func rowCacheKey(l *i18n.Locale, r Row) string {
	it, q := r.Item, r.Quote
	b := make([]byte, 0, 256)
	b = append(b, l.Code...)
	b = strconv.AppendInt(append(b, '|'), i18n.Generation(), 10)
	b = strconv.AppendInt(append(b, '|'), it.ID, 10)
	b = append(append(b, '|'), it.Ticker...)
	b = append(append(b, '|'), r.Name...)
	b = strconv.AppendInt(append(b, '|'), it.Quantidade, 10)
	for _, d := range []decimal.Decimal{it.Nota, it.PrecoMedio, q.Price, r.Total, r.Quero, r.Tenho, r.QueroDin, r.FaltaDin, r.Return} {
		b = append(append(b, '|'), d.String()...)
	}
	for _, d := range []decimal.NullDecimal{q.PrevClose, q.Low52, q.High52} {
		b = append(b, '|')
		if d.Valid {
			b = append(b, d.Decimal.String()...)
		}
	}
	b = strconv.AppendInt(append(b, '|'), int64(r.Order), 10)
	b = strconv.AppendInt(append(b, '|'), r.Vol, 10)
	b = strconv.AppendInt(append(b, '|'), q.Time.UnixNano(), 10)
	b = append(b, '|')
	b = strconv.AppendBool(b, r.HasQuote)
	b = strconv.AppendBool(b, q.Stale)
	b = strconv.AppendBool(b, q.Old)
	b = strconv.AppendBool(b, q.Closed)
	return string(b)
}
