package tracker

import (
	"context"
	"errors"

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

// publishLocal renders each changed quote's row once per language and sends
// it to every quote room of this instance that holds the ticker, as an
// event named by the ticker (the row's sse-swap).
func (h *Handler) publishLocal(changed []quotes.Quote) error {
	if len(changed) == 0 {
		return nil
	}
	// rooms of each language that contain each ticker
	byTicker := map[string]map[string][]string{}
	for _, room := range h.streams.Active(live.QuotesPrefix) {
		lang, tickers, ok := live.ParseQuoteRoom(room)
		if !ok {
			continue
		}
		for _, t := range tickers {
			if byTicker[t] == nil {
				byTicker[t] = map[string][]string{}
			}
			byTicker[t][lang] = append(byTicker[t][lang], room)
		}
	}
	var errs []error
	for _, q := range changed {
		for lang, rooms := range byTicker[q.Ticker] {
			html, err := h.RenderRow(i18n.Get(lang), newRow(q.Ticker, q, true))
			if err != nil {
				return err
			}
			for _, room := range rooms {
				errs = append(errs, h.streams.Local(live.Event{Stream: room, Name: q.Ticker, Data: html}))
			}
		}
	}
	return errors.Join(errs...)
}

// RenderRow renders one tracker row, as the page does.
func (h *Handler) RenderRow(l *i18n.Locale, r Row) (string, error) {
	return h.env.RenderString("partials/tracker_row", rowData{L: l, Row: r})
}
