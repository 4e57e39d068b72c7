package wallet

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
)

// A cached wallet row is printed again only while everything the row shows
// is the same: any change to a shown field must give another cache key.
func TestWalletRowCacheKeyCoversTheRow(t *testing.T) {
	d := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	nd := func(s string) decimal.NullDecimal { return decimal.NewNullDecimal(d(s)) }
	base := func() Row {
		return Row{
			Item: db.WalletItem{ID: 7, Ticker: "PETR4", PrecoMedio: d("30.5"), Quantidade: 100, Nota: d("2")},
			Name: "Petrobras", HasQuote: true,
			Quote: quotes.Quote{Ticker: "PETR4", Price: d("36.12"), PrevClose: nd("35"), Low52: nd("28"), High52: nd("40"),
				Time: time.Date(2031, 5, 6, 13, 0, 0, 0, time.UTC)},
			Total: d("3612"), Quero: d("50"), Tenho: d("40"), QueroDin: d("4500"), FaltaDin: d("888"),
			Order: Buy, Vol: 24, Return: d("18.4"),
		}
	}
	changes := map[string]func(r *Row){
		"id": func(r *Row) { r.Item.ID = 8 }, "ticker": func(r *Row) { r.Item.Ticker = "VALE3" },
		"average price": func(r *Row) { r.Item.PrecoMedio = d("30.6") }, "shares": func(r *Row) { r.Item.Quantidade = 101 },
		"weight": func(r *Row) { r.Item.Nota = d("3") }, "name": func(r *Row) { r.Name = "Petro" },
		"has quote": func(r *Row) { r.HasQuote = false }, "price": func(r *Row) { r.Quote.Price = d("36.13") },
		"previous close": func(r *Row) { r.Quote.PrevClose = decimal.NullDecimal{} },
		"52w low":        func(r *Row) { r.Quote.Low52 = nd("27") }, "52w high": func(r *Row) { r.Quote.High52 = nd("41") },
		"time": func(r *Row) { r.Quote.Time = r.Quote.Time.Add(time.Second) }, "stale": func(r *Row) { r.Quote.Stale = true },
		"old": func(r *Row) { r.Quote.Old = true }, "closed": func(r *Row) { r.Quote.Closed = true },
		"total": func(r *Row) { r.Total = d("3613") }, "target %": func(r *Row) { r.Quero = d("51") },
		"held %": func(r *Row) { r.Tenho = d("41") }, "target value": func(r *Row) { r.QueroDin = d("4501") },
		"gap": func(r *Row) { r.FaltaDin = d("889") }, "order": func(r *Row) { r.Order = Sell },
		"shares to trade": func(r *Row) { r.Vol = 25 }, "return": func(r *Row) { r.Return = d("18.5") },
	}
	key := rowCacheKey(i18n.PtBR, base())
	if rowCacheKey(i18n.En, base()) == key {
		t.Error("the language is not in the key")
	}
	for what, change := range changes {
		r := base()
		change(&r)
		if rowCacheKey(i18n.PtBR, r) == key {
			t.Errorf("a change of %s keeps the key", what)
		}
	}
}
