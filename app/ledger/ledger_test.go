package ledger

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/db"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func op(date, tipo, ticker string, qty int64, price, fees string) db.Operation {
	return db.Operation{Data: date, Tipo: tipo, Ticker: ticker, Quantidade: qty, Preco: d(price), Taxas: d(fees)}
}

// Buys and their fees raise the average price; a sell leaves it alone and
// realises quantity × (price − average) minus its fees.
func TestAveragePriceB3Rule(t *testing.T) {
	ops := []db.Operation{
		op("2026-01-05", db.Buy, "PETR4", 100, "10.00", "5.00"), // cost 1005
		op("2026-01-20", db.Buy, "PETR4", 100, "12.00", "3.00"), // cost 1005 + 1203 = 2208 → avg 11.04
		op("2026-02-10", db.Sell, "PETR4", 50, "15.00", "2.00"), // 750 − 2 − 50 × 11.04 = 196
		op("2026-03-02", db.Buy, "PETR4", 50, "9.00", "0.00"),   // 1656 + 450 = 2106 over 200 → 10.53
	}
	b, err := Replay(ops, "")
	if err != nil {
		t.Fatal(err)
	}
	h := b.Holdings["PETR4"]
	if h.Qty != 200 || !h.Avg().Equal(d("10.53")) || !h.Cost.Equal(d("2106")) {
		t.Fatalf("holding %d × %s (cost %s), want 200 × 10.53 (cost 2106)", h.Qty, h.Avg(), h.Cost)
	}
	if len(b.Sales) != 1 || !b.Sales[0].Gain.Equal(d("196")) || b.Sales[0].DayTrade {
		t.Fatalf("sales %+v, want one swing sale gaining 196", b.Sales)
	}
	// The average price just after the sell is the one before it.
	b, _ = Replay(ops, "2026-02-28")
	if got := b.Holdings["PETR4"].Avg(); !got.Equal(d("11.04")) {
		t.Fatalf("average after the sell %s, want 11.04", got)
	}
}

// PETR4F is PETR4 on the fractional market: one holding.
func TestFractionalIsSameAsset(t *testing.T) {
	tk, frac, ok := Asset("petr4f")
	if tk != "PETR4" || !frac || !ok {
		t.Fatalf("Asset(petr4f) = %q %v %v", tk, frac, ok)
	}
	if tk, frac, ok := Asset("HGLG11"); tk != "HGLG11" || frac || !ok {
		t.Fatalf("Asset(HGLG11) = %q %v %v", tk, frac, ok)
	}
	if _, _, ok := Asset("ZZZZ3F"); ok {
		t.Fatal("an unlisted code was accepted")
	}
}

// Bought and sold the same day is a day trade whatever the order; only the
// rest moves the holding.
func TestDayTrade(t *testing.T) {
	ops := []db.Operation{
		op("2026-04-01", db.Buy, "VALE3", 100, "60.00", "0"),
		op("2026-04-02", db.Sell, "VALE3", 30, "64.00", "1.20"), // sold first
		op("2026-04-02", db.Buy, "VALE3", 50, "62.00", "1.00"),
	}
	b, err := Replay(ops, "")
	if err != nil {
		t.Fatal(err)
	}
	// Day trade: 30 sold at 64 (fees 1,20) against 30 of the 50 bought at 62
	// (fees 30/50 × 1 = 0,60): 1920 − 1,20 − 1860,60 = 58,20.
	if len(b.Sales) != 1 || !b.Sales[0].DayTrade || !b.Sales[0].Gain.Equal(d("58.2")) {
		t.Fatalf("sales %+v, want one day trade gaining 58,20", b.Sales)
	}
	// The other 20 join the holding at 62 + 0,40/20: cost 6000 + 1240,40.
	if h := b.Holdings["VALE3"]; h.Qty != 120 || !h.Cost.Equal(d("7240.4")) {
		t.Fatalf("holding %d cost %s, want 120 cost 7240,40", h.Qty, h.Cost)
	}
}

func TestOversold(t *testing.T) {
	_, err := Replay([]db.Operation{
		op("2026-01-05", db.Buy, "PETR4", 10, "10", "0"),
		op("2026-01-06", db.Sell, "PETR4", 11, "10", "0"),
	}, "")
	var oe *OversoldError
	if !errors.Is(err, ErrOversold) || !errors.As(err, &oe) || oe.Held != 10 {
		t.Fatalf("err %v, want oversold with 10 held", err)
	}
}
