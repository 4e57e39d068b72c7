package returns

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
)

// Computed by hand.
func TestProfitAndLoss(t *testing.T) {
	ops := []db.Operation{
		{Ticker: "PETR4", Data: "2026-01-05", Tipo: db.Buy, Quantidade: 100, Preco: dd("10"), Taxas: dd("10")}, // cost 1.010
		{Ticker: "PETR4", Data: "2026-02-05", Tipo: db.Sell, Quantidade: 40, Preco: dd("12"), Taxas: dd("4")},  // 480 − 4 − 404 = 72
		{Ticker: "VALE3", Data: "2026-01-06", Tipo: db.Buy, Quantidade: 10, Preco: dd("50"), Taxas: dd("0")},
		{Ticker: "VALE3", Data: "2026-03-06", Tipo: db.Sell, Quantidade: 10, Preco: dd("55"), Taxas: dd("0")}, // 50
	}
	b, err := ledger.Replay(ops, "")
	if err != nil {
		t.Fatal(err)
	}
	pays := []Payment{
		{Dividend: db.Dividend{Ticker: "PETR4"}, Amount: dd("30"), Paid: true},
		{Dividend: db.Dividend{Ticker: "PETR4"}, Amount: dd("5")}, // coming: not income yet
	}
	qs := map[string]quotes.Quote{"PETR4": {Ticker: "PETR4", Price: dd("11"), PrevClose: decimal.NewNullDecimal(dd("10.5"))}}
	pl := ProfitAndLoss(b, pays, qs)
	petr := pl.Rows[0]
	// 60 × 11 = 660 against a cost of 606: 54 (8,91%); the day 60 × 0,50 = 30.
	if petr.Ticker != "PETR4" || !petr.Value.Decimal.Equal(dd("660")) || !petr.Unrealised.Decimal.Equal(dd("54")) ||
		!petr.UnrealisedPct.Decimal.Round(2).Equal(dd("8.91")) || !petr.DayChange.Decimal.Equal(dd("30")) ||
		!petr.Realised.Equal(dd("72")) || !petr.Income.Equal(dd("30")) || !petr.Total.Decimal.Equal(dd("156")) {
		t.Fatalf("PETR4 %+v", petr)
	}
	if vale := pl.Rows[1]; vale.Ticker != "VALE3" || vale.Qty != 0 || !vale.Total.Decimal.Equal(dd("50")) {
		t.Fatalf("VALE3 %+v", vale)
	}
	// Total 54 + 72 + 30 + 50 = 206 over 404 + 500 sold at cost and 606 held: 13,64%.
	if !pl.Total.Equal(dd("206")) || !pl.TotalPct.Decimal.Round(2).Equal(dd("13.64")) || !pl.Realised.Equal(dd("122")) ||
		!pl.DayChange.Equal(dd("30")) || pl.Unpriced != 0 {
		t.Fatalf("wallet %+v", pl)
	}
	// Without a quote the figures that need one are missing, not zero.
	pl = ProfitAndLoss(b, pays, nil)
	if pl.Unpriced != 1 || pl.Rows[0].Unrealised.Valid || !pl.Total.Equal(dd("50")) {
		t.Fatalf("unpriced %+v", pl)
	}
}
