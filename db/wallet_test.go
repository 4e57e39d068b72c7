package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// A holding is dated by the caller's clock (the app's Env.Now), not the
// machine's: created, updated and imported at three set times.
func TestWalletItemsDatedByTheCallersClock(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		u := &db.User{Username: "ana", Email: "ana@example.com", PasswordHash: "x"}
		if err := s.CreateUser(ctx, u, time.Now()); err != nil {
			t.Fatal(err)
		}
		created := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
		updated, imported := created.Add(time.Hour), created.Add(2*time.Hour)
		it := &db.WalletItem{UserID: u.ID, Ticker: "PETR4", PrecoMedio: decimal.NewFromInt(30), Quantidade: 10, Nota: decimal.NewFromInt(5)}
		if err := s.CreateWalletItem(ctx, it, created); err != nil {
			t.Fatal(err)
		}
		it.Quantidade = 20
		if err := s.UpdateWalletItem(ctx, it, updated); err != nil {
			t.Fatal(err)
		}
		check := func(ticker string, wantCreated, wantUpdated time.Time) {
			t.Helper()
			got, err := s.WalletItemByTicker(ctx, u.ID, ticker)
			if err != nil {
				t.Fatal(err)
			}
			if !got.CreatedAt.Equal(wantCreated) || !got.UpdatedAt.Equal(wantUpdated) {
				t.Errorf("%s: created %s, updated %s; want %s, %s", ticker, got.CreatedAt, got.UpdatedAt, wantCreated, wantUpdated)
			}
		}
		check("PETR4", created, updated)
		items := []db.WalletItem{
			{Ticker: "PETR4", PrecoMedio: decimal.NewFromInt(31), Quantidade: 5, Nota: decimal.NewFromInt(5)},
			{Ticker: "VALE3", PrecoMedio: decimal.NewFromInt(60), Quantidade: 5, Nota: decimal.NewFromInt(5)},
		}
		if _, _, err := s.ImportWallet(ctx, u.ID, items, imported); err != nil {
			t.Fatal(err)
		}
		check("PETR4", created, imported)
		check("VALE3", imported, imported)
	})
}
