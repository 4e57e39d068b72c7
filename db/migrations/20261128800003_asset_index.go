package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

// Index membership follows B3: an asset that leaves its index is retired
// (kept, so history, wallets and alerts on it still work), and each member
// has its weight in the index's theoretical portfolio.
func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			`ALTER TABLE assets ADD COLUMN retired_at {{TS}}`,
			`ALTER TABLE assets ADD COLUMN weight {{DEC}}`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `ALTER TABLE assets DROP COLUMN weight`, `ALTER TABLE assets DROP COLUMN retired_at`)
	})
}
