package tracker

import (
	"cmp"
	"net/url"
	"slices"
)

// columns that can be sorted, with how to compare two rows.
var columns = map[string]func(a, b Row) int{
	"ticker": func(a, b Row) int { return cmp.Compare(a.Ticker, b.Ticker) },
	"price":  func(a, b Row) int { return a.Quote.Price.Cmp(b.Quote.Price) },
	"close":  func(a, b Row) int { return a.Quote.PrevClose.Cmp(b.Quote.PrevClose) },
	"open":   func(a, b Row) int { return a.Quote.Open.Cmp(b.Quote.Open) },
	"change": func(a, b Row) int { return a.Quote.Change().Cmp(b.Quote.Change()) },
	"cap":    func(a, b Row) int { return a.Quote.MarketCap.Cmp(b.Quote.MarketCap) },
	"volume": func(a, b Row) int { return cmp.Compare(a.Quote.Volume, b.Quote.Volume) },
}

// sortRows orders rows by a column; rows without a quote always go last.
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
// without JavaScript.
type Header struct {
	Label, Key, URL string
	Active          bool
	Desc            bool
}

func headers(path string, tickers []string, by, dir string, labels [][2]string) []Header {
	out := make([]Header, 0, len(labels))
	for _, l := range labels {
		q := url.Values{"stockpicker": tickers, "sort": {l[0]}}
		next := "asc"
		if by == l[0] && dir != "desc" {
			next = "desc"
		}
		if next == "desc" {
			q.Set("dir", "desc")
		}
		out = append(out, Header{Label: l[1], Key: l[0], URL: path + "?" + q.Encode(), Active: by == l[0], Desc: by == l[0] && dir == "desc"})
	}
	return out
}
