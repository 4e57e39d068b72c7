package tracker

import (
	"cmp"

	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// columns that can be sorted, with how to compare two rows.
var columns = map[string]func(a, b Row) int{
	"ticker": func(a, b Row) int { return cmp.Compare(a.Ticker, b.Ticker) },
	"price":  func(a, b Row) int { return a.Quote.Price.Cmp(b.Quote.Price) },
	"close":  func(a, b Row) int { return quotes.CmpFigures(a.Quote.PrevClose, b.Quote.PrevClose) },
	"open":   func(a, b Row) int { return quotes.CmpFigures(a.Quote.Open, b.Quote.Open) },
	"change": func(a, b Row) int { return quotes.CmpFigures(a.Quote.Change(), b.Quote.Change()) },
	"cap":    func(a, b Row) int { return a.Quote.MarketCap.Cmp(b.Quote.MarketCap) },
	"volume": func(a, b Row) int { return cmp.Compare(a.Quote.Volume, b.Quote.Volume) },
}

// sortRows orders rows by a column; rows without a quote always go last.
func sortRows(rows []Row, by, dir string) {
	web.SortRows(rows, by, dir, columns, func(r Row) bool { return !r.HasQuote })
}
