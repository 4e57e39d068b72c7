package db

import (
	"context"
	"errors"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
)

// Operation is one dated buy (tipo C) or sell (tipo V) of an asset. Ticker
// is the asset: a trade of PETR4F on the fractional market is kept as PETR4
// with Fracionario set, because B3 counts both as one holding.
type Operation struct {
	bun.BaseModel `bun:"table:operations,alias:o"`
	ID            int64           `bun:"id,pk,autoincrement"`
	UserID        int64           `bun:"user_id,notnull"`
	Ticker        string          `bun:"ticker,notnull"`
	Fracionario   bool            `bun:"fracionario,notnull"`
	Data          string          `bun:"data,notnull"` // trade date, YYYY-MM-DD
	Tipo          string          `bun:"tipo,notnull"` // "C" buy, "V" sell
	Quantidade    int64           `bun:"quantidade,notnull"`
	Preco         decimal.Decimal `bun:"preco,notnull"`
	Taxas         decimal.Decimal `bun:"taxas,notnull"`
	Abertura      bool            `bun:"abertura,notnull"` // opening balance of a holding typed directly
	CreatedAt     time.Time       `bun:"created_at,notnull"`
	UpdatedAt     time.Time       `bun:"updated_at,notnull"`
}

// Operation kinds.
const (
	Buy  = "C"
	Sell = "V"
)

// Deriver computes a holding (shares and average price) from all the
// operations of one asset, oldest first, or refuses them (a sale of more
// than is held). The rule lives in app/ledger; the store runs it inside the
// write's transaction so the wallet never disagrees with the operations.
type Deriver func(ops []Operation) (qty int64, avg decimal.Decimal, err error)

// ErrFromOperations is returned when a holding's shares or average price
// are typed directly but come from its operations.
var ErrFromOperations = errors.New("holding comes from its operations")

// Operations lists the user's operations, oldest first.
func (s *Store) Operations(ctx context.Context, userID int64) ([]Operation, error) {
	var out []Operation
	err := s.DB.NewSelect().Model(&out).Where("user_id = ?", userID).Order("data", "id").Scan(ctx)
	return out, err
}

// Operation finds the user's operation id; ErrNotFound when it is someone else's.
func (s *Store) Operation(ctx context.Context, userID, id int64) (*Operation, error) {
	op := new(Operation)
	err := s.DB.NewSelect().Model(op).Where("id = ? AND user_id = ?", id, userID).Scan(ctx)
	return op, notFound(err)
}

func operationsOf(ctx context.Context, tx bun.IDB, userID int64, ticker string) ([]Operation, error) {
	var out []Operation
	err := tx.NewSelect().Model(&out).Where("user_id = ? AND ticker = ?", userID, ticker).Order("data", "id").Scan(ctx)
	return out, err
}

// SaveOperation inserts op (ID 0) or updates it when it is op.UserID's
// (ErrNotFound otherwise), then brings the wallet's holdings of the assets
// involved in line with their operations, all in one transaction: the
// deriver's error (an oversold asset) or ErrFull leaves nothing written.
func (s *Store) SaveOperation(ctx context.Context, op *Operation, derive Deriver, now time.Time) error {
	now = now.UTC()
	op.UpdatedAt = now
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.lockWalletOwner(ctx, tx, op.UserID); err != nil {
			return err
		}
		touched := []string{op.Ticker}
		if op.ID == 0 {
			op.CreatedAt = now
			if _, err := tx.NewInsert().Model(op).Returning("id").Exec(ctx); err != nil {
				return err
			}
		} else {
			old := new(Operation)
			if err := tx.NewSelect().Model(old).Where("id = ? AND user_id = ?", op.ID, op.UserID).Scan(ctx); err != nil {
				return notFound(err)
			}
			touched = append(touched, old.Ticker)
			op.CreatedAt = old.CreatedAt
			if _, err := tx.NewUpdate().Model(op).ExcludeColumn("id", "user_id", "created_at").WherePK().Exec(ctx); err != nil {
				return err
			}
		}
		return syncHoldings(ctx, tx, op.UserID, derive, now, touched...)
	})
}

// DeleteOperation removes the user's operation id and re-derives its holding.
func (s *Store) DeleteOperation(ctx context.Context, userID, id int64, derive Deriver, now time.Time) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.lockWalletOwner(ctx, tx, userID); err != nil {
			return err
		}
		old := new(Operation)
		if err := tx.NewSelect().Model(old).Where("id = ? AND user_id = ?", id, userID).Scan(ctx); err != nil {
			return notFound(err)
		}
		if _, err := tx.NewDelete().Model(old).WherePK().Exec(ctx); err != nil {
			return err
		}
		return syncHoldings(ctx, tx, userID, derive, now, old.Ticker)
	})
}

// ImportOperations adds ops to userID's operations in one transaction, all
// or nothing, and re-derives every holding they touch.
func (s *Store) ImportOperations(ctx context.Context, userID int64, ops []Operation, derive Deriver, now time.Time) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.lockWalletOwner(ctx, tx, userID); err != nil {
			return err
		}
		now = now.UTC()
		var touched []string
		for i := range ops {
			op := ops[i]
			op.ID, op.UserID, op.CreatedAt, op.UpdatedAt = 0, userID, now, now
			if _, err := tx.NewInsert().Model(&op).Exec(ctx); err != nil {
				return err
			}
			touched = append(touched, op.Ticker)
		}
		return syncHoldings(ctx, tx, userID, derive, now, touched...)
	})
}

// syncHoldings sets the wallet's shares and average price of each ticker
// from its operations. A ticker with operations but no wallet item gets one
// with weight 0 (the weight, nota, is the wallet's own and never derived);
// one whose shares all went keeps its item with 0 shares and its last
// average price.
func syncHoldings(ctx context.Context, tx bun.Tx, userID int64, derive Deriver, now time.Time, tickers ...string) error {
	now = now.UTC()
	seen := map[string]bool{}
	for _, t := range tickers {
		if seen[t] {
			continue
		}
		seen[t] = true
		ops, err := operationsOf(ctx, tx, userID, t)
		if err != nil {
			return err
		}
		qty, avg, err := derive(ops)
		if err != nil {
			return err
		}
		avg = avg.Round(8) // the column's scale; the ledger keeps the exact cost
		it := new(WalletItem)
		err = tx.NewSelect().Model(it).Where("user_id = ? AND ticker = ?", userID, t).Scan(ctx)
		switch {
		case errors.Is(notFound(err), ErrNotFound):
			if len(ops) == 0 || qty == 0 {
				continue
			}
			it = &WalletItem{UserID: userID, Ticker: t, PrecoMedio: avg, Quantidade: qty, Nota: decimal.Zero, CreatedAt: now, UpdatedAt: now}
			if _, err := tx.NewInsert().Model(it).Exec(ctx); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			it.Quantidade, it.UpdatedAt = qty, now
			if qty > 0 {
				it.PrecoMedio = avg
			}
			if _, err := tx.NewUpdate().Model(it).Column("quantidade", "preco_medio", "updated_at").WherePK().Exec(ctx); err != nil {
				return err
			}
		}
	}
	n, err := countWalletItems(ctx, tx, userID)
	if err != nil {
		return err
	}
	if n > MaxWalletItems {
		return ErrFull
	}
	return nil
}

// hasTrades tells whether ticker has operations of userID other than its
// opening balance: then its shares and average price are derived, not typed.
func hasTrades(ctx context.Context, tx bun.IDB, userID int64, ticker string) (bool, error) {
	return tx.NewSelect().Model((*Operation)(nil)).
		Where("user_id = ? AND ticker = ? AND abertura = ?", userID, ticker, false).Exists(ctx)
}

// setOpening makes the typed holding it the ticker's opening balance: one
// buy of its shares at its average price, dated the day it was created (none
// when it holds no shares). Called only when the ticker has no other trades.
func setOpening(ctx context.Context, tx bun.IDB, it *WalletItem, oldTicker string, now time.Time) error {
	if _, err := tx.NewDelete().Model((*Operation)(nil)).
		Where("user_id = ? AND ticker IN (?, ?) AND abertura = ?", it.UserID, it.Ticker, oldTicker, true).Exec(ctx); err != nil {
		return err
	}
	if it.Quantidade == 0 {
		return nil
	}
	now = now.UTC()
	created := it.CreatedAt
	if created.IsZero() {
		created = now
	}
	op := &Operation{UserID: it.UserID, Ticker: it.Ticker, Data: created.UTC().Format(time.DateOnly), Tipo: Buy,
		Quantidade: it.Quantidade, Preco: it.PrecoMedio, Taxas: decimal.Zero, Abertura: true, CreatedAt: now, UpdatedAt: now}
	_, err := tx.NewInsert().Model(op).Exec(ctx)
	return err
}

// Day is the trade date as a time (midnight UTC), for formatting.
func (o Operation) Day() time.Time {
	t, _ := time.Parse(time.DateOnly, o.Data)
	return t
}

// Code is the traded code: PETR4F for a fractional-market trade of PETR4.
func (o Operation) Code() string {
	if o.Fracionario {
		return o.Ticker + "F"
	}
	return o.Ticker
}

// Total is quantity × price, before fees.
func (o Operation) Total() decimal.Decimal { return o.Preco.Mul(decimal.NewFromInt(o.Quantidade)) }
