package db

import (
	"context"
	"errors"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
)

// WalletItem is one holding of a user's wallet ("carteira"): average price,
// shares held and the target weight (nota) used for rebalancing.
type WalletItem struct {
	bun.BaseModel `bun:"table:wallet_items,alias:w"`
	ID            int64           `bun:"id,pk,autoincrement"`
	UserID        int64           `bun:"user_id,notnull"`
	Ticker        string          `bun:"ticker,notnull"`
	PrecoMedio    decimal.Decimal `bun:"preco_medio,notnull"`
	Quantidade    int64           `bun:"quantidade,notnull"`
	Nota          decimal.Decimal `bun:"nota,notnull"`
	CreatedAt     time.Time       `bun:"created_at,notnull"`
	UpdatedAt     time.Time       `bun:"updated_at,notnull"`
}

// WalletItems lists a user's holdings by ticker.
func (s *Store) WalletItems(ctx context.Context, userID int64) ([]WalletItem, error) {
	var out []WalletItem
	err := s.DB.NewSelect().Model(&out).Where("user_id = ?", userID).Order("ticker").Scan(ctx)
	return out, err
}

// WalletItem finds one holding of userID; ErrNotFound when it does not exist
// or belongs to someone else (so existence does not leak).
func (s *Store) WalletItem(ctx context.Context, userID, id int64) (*WalletItem, error) {
	it := new(WalletItem)
	err := s.DB.NewSelect().Model(it).Where("id = ? AND user_id = ?", id, userID).Scan(ctx)
	return it, notFound(err)
}

// WalletItemByTicker finds the user's holding of ticker; ErrNotFound when none.
func (s *Store) WalletItemByTicker(ctx context.Context, userID int64, ticker string) (*WalletItem, error) {
	it := new(WalletItem)
	err := s.DB.NewSelect().Model(it).Where("user_id = ? AND ticker = ?", userID, ticker).Scan(ctx)
	return it, notFound(err)
}

// MaxWalletItems is how many holdings one wallet keeps.
const MaxWalletItems = 100

// ErrFull is returned when a write would take a wallet past MaxWalletItems.
var ErrFull = errors.New("wallet full")

// lockWalletOwner holds the user's row until tx ends, so that counting a
// wallet and adding to it is one step for parallel requests: counted apart
// from the insert, parallel creates on PostgreSQL went past the cap. SQLite
// has one connection, so its transactions never interleave.
func (s *Store) lockWalletOwner(ctx context.Context, tx bun.Tx, userID int64) error {
	if !s.IsPostgres() {
		return nil
	}
	_, err := tx.NewSelect().Table("users").Column("id").Where("id = ?", userID).For("UPDATE").Exec(ctx)
	return err
}

// countWalletItems counts a user's holdings inside tx.
func countWalletItems(ctx context.Context, tx bun.Tx, userID int64) (int, error) {
	n, err := tx.NewSelect().Model((*WalletItem)(nil)).Where("user_id = ?", userID).Count(ctx)
	return int(n), err
}

// CreateWalletItem inserts it and sets its ID; ErrTaken when the user
// already holds the ticker, ErrFull when the wallet has MaxWalletItems.
// now (the app's clock) dates it.
func (s *Store) CreateWalletItem(ctx context.Context, it *WalletItem, now time.Time) error {
	it.CreatedAt = now.UTC()
	it.UpdatedAt = it.CreatedAt
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.lockWalletOwner(ctx, tx, it.UserID); err != nil {
			return err
		}
		switch n, err := countWalletItems(ctx, tx, it.UserID); {
		case err != nil:
			return err
		case n >= MaxWalletItems:
			return ErrFull
		}
		_, err := tx.NewInsert().Model(it).Returning("id").Exec(ctx)
		return err
	})
	if isUniqueViolation(err) {
		return ErrTaken
	}
	return err
}

// UpdateWalletItem saves it if it belongs to it.UserID: ErrNotFound when it
// does not, ErrTaken when the new ticker is already another of their holdings.
// now (the app's clock) dates the change.
func (s *Store) UpdateWalletItem(ctx context.Context, it *WalletItem, now time.Time) error {
	it.UpdatedAt = now.UTC()
	res, err := s.DB.NewUpdate().Model(it).
		Column("ticker", "preco_medio", "quantidade", "nota", "updated_at").
		Where("id = ? AND user_id = ?", it.ID, it.UserID).Exec(ctx)
	if isUniqueViolation(err) {
		return ErrTaken
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// DeleteWalletItem removes the user's holding id; ErrNotFound when it is not theirs.
func (s *Store) DeleteWalletItem(ctx context.Context, userID, id int64) error {
	res, err := s.DB.NewDelete().Model((*WalletItem)(nil)).Where("id = ? AND user_id = ?", id, userID).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// ImportWallet writes items into userID's wallet in one transaction: tickers
// already held are updated, new ones inserted, holdings not in items are left
// alone. The user id of every item is forced to userID, so an import can never
// touch another user's rows. It returns how many were inserted and updated,
// or ErrFull (and writes nothing) when the wallet would pass MaxWalletItems.
func (s *Store) ImportWallet(ctx context.Context, userID int64, items []WalletItem, now time.Time) (inserted, updated int, err error) {
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		inserted, updated = 0, 0
		if err := s.lockWalletOwner(ctx, tx, userID); err != nil {
			return err
		}
		now := now.UTC()
		for i := range items {
			it := items[i]
			it.UserID, it.UpdatedAt = userID, now
			res, err := tx.NewUpdate().Model(&it).
				Column("preco_medio", "quantidade", "nota", "updated_at").
				Where("user_id = ? AND ticker = ?", userID, it.Ticker).Exec(ctx)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				updated++
				continue
			}
			it.ID, it.CreatedAt = 0, now
			if _, err := tx.NewInsert().Model(&it).Exec(ctx); err != nil {
				return err
			}
			inserted++
		}
		if n, err := countWalletItems(ctx, tx, userID); err != nil {
			return err
		} else if n > MaxWalletItems {
			return ErrFull
		}
		return nil
	})
	if err != nil {
		inserted, updated = 0, 0
	}
	return inserted, updated, err
}
