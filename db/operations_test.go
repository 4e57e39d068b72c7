package db_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/ledger"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
	"github.com/stonks-b3/stonks/db/migrations"
	"github.com/uptrace/bun/migrate"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func holding(t *testing.T, s *db.Store, userID int64, ticker string) *db.WalletItem {
	t.Helper()
	it, err := s.WalletItemByTicker(context.Background(), userID, ticker)
	if err != nil {
		t.Fatalf("holding %s: %v", ticker, err)
	}
	return it
}

// A holding typed in the wallet is its opening balance; operations then
// move its shares and average price, and never its weight.
func TestOperationsDriveTheWallet(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		ctx := context.Background()
		ana, bob := user(t, s, "ana"), user(t, s, "bob")
		it := &db.WalletItem{UserID: ana.ID, Ticker: "PETR4", PrecoMedio: dec("10"), Quantidade: 100, Nota: dec("3")}
		if err := s.CreateWalletItem(ctx, it, time.Now()); err != nil {
			t.Fatal(err)
		}
		ops, err := s.Operations(ctx, ana.ID)
		if err != nil || len(ops) != 1 || !ops[0].Abertura || ops[0].Quantidade != 100 || !ops[0].Preco.Equal(dec("10")) {
			t.Fatalf("opening operation %+v (%v), want one buy of 100 at 10", ops, err)
		}
		buy := &db.Operation{UserID: ana.ID, Ticker: "PETR4", Data: "2026-03-02", Tipo: db.Buy, Quantidade: 100, Preco: dec("12"), Taxas: dec("4")}
		if err := s.SaveOperation(ctx, buy, ledger.Derive, time.Now()); err != nil {
			t.Fatal(err)
		}
		if h := holding(t, s, ana.ID, "PETR4"); h.Quantidade != 200 || !h.PrecoMedio.Equal(dec("11.02")) || !h.Nota.Equal(dec("3")) {
			t.Fatalf("after a buy: %d × %s weight %s, want 200 × 11,02 weight 3", h.Quantidade, h.PrecoMedio, h.Nota)
		}
		// A sale of more than is held writes nothing.
		sell := &db.Operation{UserID: ana.ID, Ticker: "PETR4", Data: "2026-03-03", Tipo: db.Sell, Quantidade: 201, Preco: dec("13"), Taxas: dec("0")}
		if err := s.SaveOperation(ctx, sell, ledger.Derive, time.Now()); !errors.Is(err, ledger.ErrOversold) {
			t.Fatalf("oversold: %v", err)
		}
		if ops, _ := s.Operations(ctx, ana.ID); len(ops) != 2 {
			t.Fatalf("%d operations after a refused sale, want 2", len(ops))
		}
		// Typing shares over a traded holding is refused; its weight may change.
		h := holding(t, s, ana.ID, "PETR4")
		h.Quantidade = 5
		if err := s.UpdateWalletItem(ctx, h, time.Now()); !errors.Is(err, db.ErrFromOperations) {
			t.Fatalf("typed shares over trades: %v", err)
		}
		h = holding(t, s, ana.ID, "PETR4")
		h.Nota = dec("7")
		if err := s.UpdateWalletItem(ctx, h, time.Now()); err != nil {
			t.Fatal(err)
		}
		// A buy of an asset not in the wallet adds it with weight 0.
		frac := &db.Operation{UserID: ana.ID, Ticker: "VALE3", Fracionario: true, Data: "2026-03-04", Tipo: db.Buy, Quantidade: 7, Preco: dec("60"), Taxas: dec("0")}
		if err := s.SaveOperation(ctx, frac, ledger.Derive, time.Now()); err != nil {
			t.Fatal(err)
		}
		if h := holding(t, s, ana.ID, "VALE3"); h.Quantidade != 7 || !h.Nota.IsZero() {
			t.Fatalf("new holding %d weight %s, want 7 weight 0", h.Quantidade, h.Nota)
		}
		// Someone else's operation is not found, and stays.
		if err := s.DeleteOperation(ctx, bob.ID, buy.ID, ledger.Derive, time.Now()); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("bob deletes ana's operation: %v", err)
		}
		other := *buy
		other.UserID, other.Quantidade = bob.ID, 1
		if err := s.SaveOperation(ctx, &other, ledger.Derive, time.Now()); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("bob edits ana's operation: %v", err)
		}
		if err := s.DeleteOperation(ctx, ana.ID, buy.ID, ledger.Derive, time.Now()); err != nil {
			t.Fatal(err)
		}
		if h := holding(t, s, ana.ID, "PETR4"); h.Quantidade != 100 || !h.PrecoMedio.Equal(dec("10")) || !h.Nota.Equal(dec("7")) {
			t.Fatalf("after deleting the buy: %d × %s weight %s, want 100 × 10 weight 7", h.Quantidade, h.PrecoMedio, h.Nota)
		}
		// With only its opening balance, a holding may be typed again.
		h = holding(t, s, ana.ID, "PETR4")
		h.Quantidade, h.PrecoMedio = 150, dec("9.5")
		if err := s.UpdateWalletItem(ctx, h, time.Now()); err != nil {
			t.Fatal(err)
		}
		if q, avg, _ := ledger.Derive(opsOf(t, s, ana.ID, "PETR4")); q != 150 || !avg.Equal(dec("9.5")) {
			t.Fatalf("operations say %d × %s after typing 150 × 9,5", q, avg)
		}
	})
}

func opsOf(t *testing.T, s *db.Store, userID int64, ticker string) []db.Operation {
	all, err := s.Operations(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	var out []db.Operation
	for _, op := range all {
		if op.Ticker == ticker {
			out = append(out, op)
		}
	}
	return out
}

// Wallets from before operations existed get one opening operation per
// holding with shares, so their figures are unchanged.
func TestOperationsMigrationOpensHoldings(t *testing.T) {
	urls := map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "old.db")}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		urls["postgres"] = dbtest.PostgresURL(t)
	}
	for name, url := range urls {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s, err := db.Open(url)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			before := migrate.NewMigrations()
			for _, m := range migrations.All.Sorted() {
				if m.Name < "20261128500001" {
					before.Add(m)
				}
			}
			mig := migrate.NewMigrator(s.DB, before)
			if err := mig.Init(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := mig.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			// A user as the old schema knows one (the model has gained columns since).
			u := new(db.User)
			if err := s.DB.NewRaw(`INSERT INTO users (username, username_key, email, password_hash, created_at)
				VALUES ('old', 'old', 'old@example.com', 'x', '2026-05-04 13:00:00') RETURNING id`).Scan(ctx, &u.ID); err != nil {
				t.Fatal(err)
			}
			for _, q := range []struct {
				ticker, pm string
				qty        int64
			}{{"PETR4", "12.3456", 300}, {"VALE3", "60", 0}} {
				if _, err := s.DB.ExecContext(ctx, `INSERT INTO wallet_items (user_id, ticker, preco_medio, quantidade, nota, created_at, updated_at)
					VALUES (?, ?, ?, ?, '1', '2026-05-04 13:00:00', '2026-05-04 13:00:00')`, u.ID, q.ticker, q.pm, q.qty); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			ops, err := s.Operations(ctx, u.ID)
			if err != nil || len(ops) != 1 {
				t.Fatalf("operations %+v (%v), want one", ops, err)
			}
			if o := ops[0]; o.Ticker != "PETR4" || o.Data != "2026-05-04" || o.Quantidade != 300 || !o.Preco.Equal(dec("12.3456")) || !o.Abertura || o.Tipo != db.Buy {
				t.Fatalf("opening %+v", o)
			}
		})
	}
}

// A holding may not be renamed to a ticker that has trades of its own:
// they would disagree with the typed figures.
func TestWalletRenameOntoTradedTicker(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		ctx := context.Background()
		ana := user(t, s, "ana")
		// VALE3 bought and sold in one import: trades, and no wallet item.
		if err := s.ImportOperations(ctx, ana.ID, []db.Operation{
			{Ticker: "VALE3", Data: "2026-01-05", Tipo: db.Buy, Quantidade: 10, Preco: dec("60"), Taxas: dec("0")},
			{Ticker: "VALE3", Data: "2026-01-06", Tipo: db.Sell, Quantidade: 10, Preco: dec("61"), Taxas: dec("0")},
		}, ledger.Derive, time.Now()); err != nil {
			t.Fatal(err)
		}
		if _, err := s.WalletItemByTicker(ctx, ana.ID, "VALE3"); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("VALE3 in the wallet: %v", err)
		}
		it := &db.WalletItem{UserID: ana.ID, Ticker: "PETR4", PrecoMedio: dec("10"), Quantidade: 100, Nota: dec("1")}
		if err := s.CreateWalletItem(ctx, it, time.Now()); err != nil {
			t.Fatal(err)
		}
		it.Ticker = "VALE3"
		if err := s.UpdateWalletItem(ctx, it, time.Now()); !errors.Is(err, db.ErrFromOperations) {
			t.Fatalf("rename onto a traded ticker: %v", err)
		}
	})
}
