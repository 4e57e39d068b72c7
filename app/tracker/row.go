package tracker

import (
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db/data"
)

// Row is one ticker of the tracker table, rendered by partials/tracker_row
// for the page, the embed and the live update alike.
type Row struct {
	Ticker   string
	Name     string
	Known    bool // listed in IBOV or IFIX
	HasQuote bool
	Quote    quotes.Quote
}

// rowData is what partials/tracker_row receives.
type rowData struct {
	L    *i18n.Locale
	Row  Row
	Live bool // in a quote event: swapped by id, out of band
}

func newRow(ticker string, q quotes.Quote, hasQuote bool) Row {
	a, known := data.Lookup(ticker)
	return Row{Ticker: ticker, Name: a.Name, Known: known, HasQuote: hasQuote && known, Quote: q}
}

// Up and Down tell the direction of the day's change, for ▲/▼ and colour.
func (r Row) Up() bool   { return r.Quote.Change().Decimal.Sign() > 0 }
func (r Row) Down() bool { return r.Quote.Change().Decimal.Sign() < 0 }

// TS is the quote's time in Unix milliseconds, for data-ts.
func (r Row) TS() int64 {
	if !r.HasQuote || r.Quote.Time.IsZero() {
		return 0
	}
	return r.Quote.Time.UnixMilli()
}
