package db_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

func TestMarketsSeededAndSearchable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		ibov, err := s.Assets(ctx, "IBOV", "")
		if err != nil || len(ibov) < 80 {
			t.Fatalf("IBOV has %d assets (%v), want about 85", len(ibov), err)
		}
		ifix, _ := s.Assets(ctx, "IFIX", "")
		if len(ifix) < 100 {
			t.Fatalf("IFIX has %d funds, want at least 100", len(ifix))
		}
		petro, _ := s.Assets(ctx, "IBOV", "petro")
		found := false
		for _, a := range petro {
			found = found || a.Ticker == "PETR4"
		}
		if !found {
			t.Fatalf("search 'petro' misses PETR4: %v", petro)
		}
		if got, _ := s.Assets(ctx, "IBOV", "%"); len(got) != 0 {
			t.Fatalf("'%%' is a wildcard in search: %d results", len(got))
		}
		all, err := s.Tickers(ctx)
		if err != nil || len(all) != len(ibov)+len(ifix) || !slices.Contains(all, "PETR4") || !slices.IsSorted(all) {
			t.Fatalf("Tickers: %d (%v), want the %d listed, sorted", len(all), err, len(ibov)+len(ifix))
		}
		m, _ := s.AssetsByTicker(ctx, []string{"PETR4", "HGLG11", "NOPE3"})
		if len(m) != 2 || m["HGLG11"].Market != "IFIX" {
			t.Fatalf("by ticker: %v", m)
		}
	})
}

func TestQuotesUpsertKeepsDecimals(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		d := decimal.RequireFromString
		q := db.Quote{Ticker: "PETR4", Price: d("38.07"), PrevClose: d("37.99"), Open: d("38"), DayLow: d("37.5"),
			DayHigh: d("38.5"), Low52: d("30.01"), High52: d("42.42"), Volume: 123456789, MarketCap: d("512345678901.23"), At: time.Now()}
		if err := s.SaveQuotes(ctx, []db.Quote{q}); err != nil {
			t.Fatal(err)
		}
		q.Price = d("38.11")
		if err := s.SaveQuotes(ctx, []db.Quote{q}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Quotes(ctx, []string{"PETR4", "VALE3"})
		if err != nil || len(got) != 1 {
			t.Fatalf("quotes: %v %v", got, err)
		}
		g := got["PETR4"]
		if !g.Price.Equal(d("38.11")) || !g.MarketCap.Equal(d("512345678901.23")) || g.Volume != 123456789 {
			t.Fatalf("round trip: %+v", g)
		}
	})
}

func TestAssetSearchIgnoresAccentsAndCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		tickers := func(as []db.Asset) []string {
			var out []string
			for _, a := range as {
				out = append(out, a.Ticker)
			}
			return out
		}
		for _, q := range []string{"itau", "ITAÚ", "Itaú", "  itaú  "} {
			got, err := s.Assets(ctx, "IBOV", q)
			if err != nil || !slices.Contains(tickers(got), "ITUB4") || !slices.Contains(tickers(got), "ITSA4") {
				t.Errorf("picker filter %q finds %v (%v), want ITUB4 and ITSA4", q, tickers(got), err)
			}
		}
		if got, _ := s.Assets(ctx, "IBOV", "petroleo"); !slices.Contains(tickers(got), "PETR4") {
			t.Errorf("sector 'petroleo' (Petróleo) misses PETR4: %v", tickers(got))
		}
		for q, want := range map[string][]string{
			"petrobras":       {"PETR3", "PETR4"},
			"Banco do Brasil": {"BBAS3"},
			"banco brasil":    {"BBAS3", "SANB11"}, // Santander Brasil, a bank
			"bbas3":           {"BBAS3"},
			"":                nil,
			"%":               nil,
		} {
			got, err := s.SearchAssets(ctx, q)
			if err != nil || !slices.Equal(tickers(got), want) {
				t.Errorf("SearchAssets(%q) = %v (%v), want %v", q, tickers(got), err, want)
			}
		}
	})
}
