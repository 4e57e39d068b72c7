package returns

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/db"
)

func dd(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Computed by hand: shares held at the close of each ex-date (a buy on the
// ex-date itself counts), paid when the payment date has come.
func TestIncome(t *testing.T) {
	ops := []db.Operation{
		{Ticker: "HGLG11", Data: "2026-01-10", Tipo: db.Buy, Quantidade: 100, Preco: dd("150"), Taxas: dd("0")},
		{Ticker: "HGLG11", Data: "2026-02-27", Tipo: db.Buy, Quantidade: 50, Preco: dd("160"), Taxas: dd("0")},
		{Ticker: "HGLG11", Data: "2026-04-01", Tipo: db.Sell, Quantidade: 30, Preco: dd("165"), Taxas: dd("0")},
	}
	divs := []db.Dividend{
		{Ticker: "HGLG11", Kind: "REND", ExDate: "2026-01-30", PayDate: "2026-02-13", PerShare: dd("1.10")}, // 100 → 110
		{Ticker: "HGLG11", Kind: "REND", ExDate: "2026-02-27", PayDate: "2026-03-13", PerShare: dd("1.10")}, // 150 → 165
		{Ticker: "HGLG11", Kind: "REND", ExDate: "2026-03-31", PayDate: "2026-04-15", PerShare: dd("1.20")}, // 150 → 180
		{Ticker: "HGLG11", Kind: "REND", ExDate: "2026-04-30", PayDate: "2026-05-15", PerShare: dd("1.00")}, // 120 → 120, coming
		{Ticker: "HGLG11", Kind: "REND", ExDate: "2025-12-30", PayDate: "2026-01-14", PerShare: dd("0.90")}, // not held yet
	}
	today := "2026-05-10"
	pays := Payments(ops, divs, today)
	wantShares := []int64{100, 150, 150, 120}
	if len(pays) != 4 {
		t.Fatalf("%d payments, want 4", len(pays))
	}
	for i, p := range pays {
		if p.Shares != wantShares[i] || p.Paid != (i < 3) {
			t.Errorf("payment %d: %d shares paid %v", i, p.Shares, p.Paid)
		}
	}
	b, _ := ledger.Replay(ops, "")
	in := Incomes([]ledger.Holding{*b.Holdings["HGLG11"]}, pays, divs, map[string]decimal.Decimal{"HGLG11": dd("170")}, today)[0]
	// Received 110 + 165 + 180 = 455; per share 1,10 + 1,10 + 1,20 = 3,40;
	// the 12 months to 10/05 paid 0,90 + 3,40 = 4,30 per share; average
	// 23.000 / 150: yield on cost 4,30 × 150 / 23.000 = 2,80%; over 170: 2,53%.
	if !in.Received.Equal(dd("455")) || !in.PerShare.Equal(dd("3.4")) || !in.PerShare12.Equal(dd("4.3")) {
		t.Fatalf("received %s, per share %s, 12 months %s", in.Received, in.PerShare, in.PerShare12)
	}
	if got := in.YieldOnCost.Decimal.Round(2); !got.Equal(dd("2.80")) {
		t.Errorf("yield on cost %s%%, want 2,80%%", got)
	}
	if got := in.Yield12.Decimal.Round(2); !got.Equal(dd("2.53")) {
		t.Errorf("12-month yield %s%%, want 2,53%%", got)
	}
}
