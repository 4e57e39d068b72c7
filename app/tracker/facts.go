package tracker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
)

// QuotesFact is the live fact "these quotes changed": one line per quote
// with its values, so no instance has to ask the database or the provider.
// A tick is a handful of facts (chunks under NOTIFY's limit) whatever the
// number of rooms and viewers; each instance renders its own rooms' rows.
const QuotesFact = "quotes"

// maxFact bounds one chunk of a quotes fact, under live.MaxNotify.
const maxFact = 7000

// wireQuote is a quote on the wire: decimals as strings, exact.
type wireQuote struct {
	T  string          `json:"t"`
	P  decimal.Decimal `json:"p"`
	PC decimal.Decimal `json:"pc,omitzero"`
	O  decimal.Decimal `json:"o,omitzero"`
	L  decimal.Decimal `json:"l,omitzero"`
	H  decimal.Decimal `json:"h,omitzero"`
	L5 decimal.Decimal `json:"l52,omitzero"`
	H5 decimal.Decimal `json:"h52,omitzero"`
	V  int64           `json:"v,omitzero"`
	C  decimal.Decimal `json:"c,omitzero"`
	At int64           `json:"at"` // Unix ns: exact, so the leader sees its own quotes as unchanged
	S  bool            `json:"s,omitzero"`
}

// encodeQuotes packs qs into chunks of at most max bytes, one JSON object per line.
func encodeQuotes(qs []quotes.Quote, max int) ([]string, error) {
	var chunks []string
	var b strings.Builder
	for _, q := range qs {
		var at int64
		if !q.Time.IsZero() {
			at = q.Time.UnixNano()
		}
		line, err := json.Marshal(wireQuote{T: q.Ticker, P: q.Price, PC: q.PrevClose.Decimal, O: q.Open.Decimal,
			L: q.DayLow.Decimal, H: q.DayHigh.Decimal, L5: q.Low52.Decimal, H5: q.High52.Decimal, V: q.Volume, C: q.MarketCap, At: at, S: q.Stale})
		if err != nil {
			return nil, err
		}
		if len(line)+1 > max {
			return nil, fmt.Errorf("tracker: quote of %s too big for a fact", q.Ticker)
		}
		if b.Len()+len(line)+1 > max {
			chunks = append(chunks, b.String())
			b.Reset()
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.Write(line)
	}
	if b.Len() > 0 {
		chunks = append(chunks, b.String())
	}
	return chunks, nil
}

func decodeQuotes(data string) ([]quotes.Quote, error) {
	var out []quotes.Quote
	for line := range strings.SplitSeq(data, "\n") {
		var w wireQuote
		if err := json.Unmarshal([]byte(line), &w); err != nil {
			return nil, err
		}
		var at time.Time
		if w.At != 0 {
			at = time.Unix(0, w.At)
		}
		out = append(out, quotes.Quote{Ticker: w.T, Price: w.P, PrevClose: figure(w.PC), Open: figure(w.O),
			DayLow: figure(w.L), DayHigh: figure(w.H), Low52: figure(w.L5), High52: figure(w.H5), Volume: w.V, MarketCap: w.C, Time: at, Stale: w.S})
	}
	return out, nil
}

// figure reads a figure off the wire: a missing one travels as zero (figures
// are positive when known), as it is stored.
func figure(d decimal.Decimal) decimal.NullDecimal {
	return decimal.NullDecimal{Decimal: d, Valid: d.IsPositive()}
}

// onQuotes is every instance's end of a quotes fact: keep the prices and
// send the rows to this instance's quote rooms.
func (h *Handler) onQuotes(ctx context.Context, data string) {
	qs, err := decodeQuotes(data)
	if err != nil {
		h.env.Log.Warn("quotes fact", "err", err)
		return
	}
	h.quotes.Accept(qs)
	if err := h.publishLocal(qs); err != nil {
		h.env.Log.Warn("quotes fact", "err", err)
	}
}

// resync sends every watched row afresh after the broker lost events.
func (h *Handler) resync(ctx context.Context) {
	tickers := h.Watched()
	if len(tickers) == 0 {
		return
	}
	// The database has what the leader stored meanwhile; memory may not.
	stored, err := h.env.Store.Quotes(ctx, tickers)
	if err != nil {
		h.env.Log.Warn("quotes resync", "err", err)
		return
	}
	qs := make([]quotes.Quote, 0, len(stored))
	for _, q := range stored {
		qs = append(qs, quotes.FromDB(q))
	}
	h.quotes.Accept(qs)
	err = h.publishLocal(qs)
	if err != nil && !errors.Is(err, live.ErrClosed) {
		h.env.Log.Warn("quotes resync", "err", err)
	}
}
