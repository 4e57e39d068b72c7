package wallet

import (
	"cmp"
	"net/url"
	"slices"

	"github.com/shopspring/decimal"
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
	"ordem":      func(a, b Row) int { return cmpBool(a.Buy, b.Buy) },
	"vol":        func(a, b Row) int { return cmp.Compare(a.Vol, b.Vol) },
	"fechamento": func(a, b Row) int { return a.Quote.PrevClose.Cmp(b.Quote.PrevClose) },
	"change":     func(a, b Row) int { return a.Quote.Change().Cmp(b.Quote.Change()) },
	"fiftytwo":   func(a, b Row) int { return rangePosition(a).Cmp(rangePosition(b)) },
	"rm":         func(a, b Row) int { return a.Return.Cmp(b.Return) },
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// rangePosition is where the price sits in its 52-week range, 0 to 1.
func rangePosition(r Row) decimal.Decimal {
	span := r.Quote.High52.Sub(r.Quote.Low52)
	if !span.IsPositive() {
		return zero
	}
	return r.Quote.Price.Sub(r.Quote.Low52).Div(span)
}

// sortRows orders rows by a column; rows without a quote always go last.
// Unknown columns keep the ticker order.
func sortRows(rows []Row, by, dir string) {
	less, ok := columns[by]
	if !ok {
		return
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		if a.HasQuote != b.HasQuote {
			if a.HasQuote {
				return -1
			}
			return 1
		}
		if dir == "desc" {
			return less(b, a)
		}
		return less(a, b)
	})
}

// Header is a sortable column heading: a plain link, so sorting works
// without JavaScript (partials/sort_header renders it).
type Header struct {
	Label, Key, URL string
	Active          bool
	Desc            bool
}

// headers makes the column links; a second click on the active column flips it.
func headers(by, dir string, labels [][2]string) map[string]Header {
	out := make(map[string]Header, len(labels))
	for _, l := range labels {
		q := url.Values{"sort": {l[0]}}
		if by == l[0] && dir != "desc" {
			q.Set("dir", "desc")
		}
		out[l[0]] = Header{Label: l[1], Key: l[0], URL: "/carteira?" + q.Encode(), Active: by == l[0], Desc: by == l[0] && dir == "desc"}
	}
	return out
}
