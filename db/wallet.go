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
		if _, err := tx.NewInsert().Model(it).Returning("id").Exec(ctx); err != nil {
			return err
		}
		// Typed directly, the holding is its opening balance.
		return setOpening(ctx, tx, it, it.Ticker, now)
	})
	if isUniqueViolation(err) {
		return ErrTaken
	}
	return err
}

// UpdateWalletItem saves it if it belongs to it.UserID: ErrNotFound when it
// does not, ErrTaken when the new ticker is already another of their
// holdings. The typed shares and average price become the holding's opening
// balance; when the holding has trades they come from those, and changing
// them (or the ticker) is ErrFromOperations: only the weight may change.
// now (the app's clock) dates the change.
func (s *Store) UpdateWalletItem(ctx context.Context, it *WalletItem, now time.Time) error {
	it.UpdatedAt = now.UTC()
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		old := new(WalletItem)
		if err := tx.NewSelect().Model(old).Where("id = ? AND user_id = ?", it.ID, it.UserID).Scan(ctx); err != nil {
			return notFound(err)
		}
		same := old.Ticker == it.Ticker && old.Quantidade == it.Quantidade && old.PrecoMedio.Equal(it.PrecoMedio)
		if !same {
			// Either ticker's trades would disagree with the typed figures.
			for _, t := range []string{old.Ticker, it.Ticker} {
				switch traded, err := hasTrades(ctx, tx, it.UserID, t); {
				case err != nil:
					return err
				case traded:
					return ErrFromOperations
				}
			}
		}
		if _, err := tx.NewUpdate().Model(it).
			Column("ticker", "preco_medio", "quantidade", "nota", "updated_at").
			Where("id = ? AND user_id = ?", it.ID, it.UserID).Exec(ctx); err != nil {
			return err
		}
		if same {
			return nil
		}
		it.CreatedAt = old.CreatedAt
		return setOpening(ctx, tx, it, old.Ticker, now)
	})
	if isUniqueViolation(err) {
		return ErrTaken
	}
	return err
}

// DeleteWalletItem removes the user's holding id and its operations (they
// would otherwise bring it back); ErrNotFound when it is not theirs.
func (s *Store) DeleteWalletItem(ctx context.Context, userID, id int64) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		it := new(WalletItem)
		if err := tx.NewSelect().Model(it).Where("id = ? AND user_id = ?", id, userID).Scan(ctx); err != nil {
			return notFound(err)
		}
		if _, err := tx.NewDelete().Model((*Operation)(nil)).Where("user_id = ? AND ticker = ?", userID, it.Ticker).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewDelete().Model(it).WherePK().Exec(ctx)
		return err
	})
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
			// A holding with trades takes only its weight from the file:
			// its shares and average price come from the trades.
			traded, err := hasTrades(ctx, tx, userID, it.Ticker)
			if err != nil {
				return err
			}
			cols := []string{"preco_medio", "quantidade", "nota", "updated_at"}
			if traded {
				cols = []string{"nota", "updated_at"}
			}
			old := new(WalletItem)
			err = tx.NewSelect().Model(old).Where("user_id = ? AND ticker = ?", userID, it.Ticker).Scan(ctx)
			switch {
			case err == nil:
				it.ID, it.CreatedAt = old.ID, old.CreatedAt
				if _, err := tx.NewUpdate().Model(&it).Column(cols...).WherePK().Exec(ctx); err != nil {
					return err
				}
				updated++
			case errors.Is(notFound(err), ErrNotFound):
				it.ID, it.CreatedAt = 0, now
				if _, err := tx.NewInsert().Model(&it).Exec(ctx); err != nil {
					return err
				}
				inserted++
			default:
				return err
			}
			if !traded {
				if err := setOpening(ctx, tx, &it, it.Ticker, now); err != nil {
					return err
				}
			}
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
