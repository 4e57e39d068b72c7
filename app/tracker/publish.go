package tracker

import (
	"context"
	"errors"
	"strings"

	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
)

// Watched lists the tickers someone is viewing now, from the open quote rooms.
func (h *Handler) Watched() []string {
	seen := map[string]bool{}
	var out []string
	for _, room := range h.streams.Active(live.QuotesPrefix) {
		_, tickers, ok := live.ParseQuoteRoom(room)
		if !ok {
			continue
		}
		for _, t := range tickers {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// Publish tells every instance which quotes changed (QuotesFact); each
// renders them for its own viewers (publishLocal).
func (h *Handler) Publish(ctx context.Context, changed []quotes.Quote) error {
	chunks, err := encodeQuotes(changed, maxFact)
	if err != nil {
		return err
	}
	var errs []error
	for _, c := range chunks {
		errs = append(errs, h.streams.Fact(ctx, QuotesFact, c))
	}
	return errors.Join(errs...)
}

// publishLocal sends every quote room of this instance one event
// (live.QuotesEvent) with the rows of its changed tickers, each row rendered
// once per language whatever the number of rooms, and swapped into the page
// by its id.
func (h *Handler) publishLocal(changed []quotes.Quote) error {
	if len(changed) == 0 {
		return nil
	}
	byTicker := make(map[string]quotes.Quote, len(changed))
	for _, q := range changed {
		byTicker[q.Ticker] = q
	}
	rendered := map[[2]string]string{} // {lang, ticker} → row
	var errs []error
	var b strings.Builder
	for _, room := range h.streams.Active(live.QuotesPrefix) {
		lang, tickers, ok := live.ParseQuoteRoom(room)
		if !ok {
			continue
		}
		b.Reset()
		for _, t := range tickers {
			q, ok := byTicker[t]
			if !ok {
				continue
			}
			html, ok := rendered[[2]string{lang, t}]
			if !ok {
				var err error
				if html, err = h.renderRow(i18n.Get(lang), newRow(t, q, true), true); err != nil {
					return err
				}
				rendered[[2]string{lang, t}] = html
			}
			b.WriteString(html)
		}
		if b.Len() > 0 {
			errs = append(errs, h.streams.Local(live.Event{Stream: room, Name: live.QuotesEvent, Data: b.String()}))
		}
	}
	return errors.Join(errs...)
}

// RenderRow renders one tracker row, as the page does.
func (h *Handler) RenderRow(l *i18n.Locale, r Row) (string, error) {
	return h.renderRow(l, r, false)
}

// renderRow renders a row for the page or, live, for a quote event (then it
// replaces the page's row of the same id: hx-swap-oob).
func (h *Handler) renderRow(l *i18n.Locale, r Row, live bool) (string, error) {
	return h.env.RenderString("partials/tracker_row", rowData{L: l, Row: r, Live: live})
}
