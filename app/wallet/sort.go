package wallet

import (
	"cmp"
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// columns that can be sorted, with how to compare two rows.
var columns = map[string]func(a, b Row) int{
	"nota":       func(a, b Row) int { return a.Item.Nota.Cmp(b.Item.Nota) },
	"ativo":      func(a, b Row) int { return cmp.Compare(a.Item.Ticker, b.Item.Ticker) },
	"preco":      func(a, b Row) int { return a.Quote.Price.Cmp(b.Quote.Price) },
	"pm":         func(a, b Row) int { return a.Item.PrecoMedio.Cmp(b.Item.PrecoMedio) },
	"qnt":        func(a, b Row) int { return cmp.Compare(a.Item.Quantidade, b.Item.Quantidade) },
	"total":      func(a, b Row) int { return a.Total.Cmp(b.Total) },
	"quero":      func(a, b Row) int { return a.Quero.Cmp(b.Quero) },
	"tenho":      func(a, b Row) int { return a.Tenho.Cmp(b.Tenho) },
	"quero_din":  func(a, b Row) int { return a.QueroDin.Cmp(b.QueroDin) },
	"falta_din":  func(a, b Row) int { return a.FaltaDin.Cmp(b.FaltaDin) },
	"ordem":      func(a, b Row) int { return cmp.Compare(a.Order, b.Order) },
	"vol":        func(a, b Row) int { return cmp.Compare(a.Vol, b.Vol) },
	"fechamento": func(a, b Row) int { return quotes.CmpFigures(a.Quote.PrevClose, b.Quote.PrevClose) },
	"change":     func(a, b Row) int { return quotes.CmpFigures(a.Quote.Change(), b.Quote.Change()) },
	"fiftytwo":   func(a, b Row) int { return rangePosition(a).Cmp(rangePosition(b)) },
	"rm":         func(a, b Row) int { return a.Return.Cmp(b.Return) },
}

// rangePosition is where the price sits in its 52-week range, 0 to 1.
func rangePosition(r Row) decimal.Decimal {
	if !r.Quote.High52.Valid || !r.Quote.Low52.Valid {
		return zero
	}
	span := r.Quote.High52.Decimal.Sub(r.Quote.Low52.Decimal)
	if !span.IsPositive() {
		return zero
	}
	return r.Quote.Price.Sub(r.Quote.Low52.Decimal).Div(span)
}

// sortRows orders rows by a column; rows without a quote always go last.
// Unknown columns keep the ticker order.
func sortRows(rows []Row, by, dir string) {
	web.SortRows(rows, by, dir, columns, func(r Row) bool { return !r.HasQuote })
}
