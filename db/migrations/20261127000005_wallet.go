package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			// One row per ticker per user: adding a ticker twice is refused, not summed.
			`CREATE TABLE wallet_items (
				id {{ID}},
				user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				ticker VARCHAR(12) NOT NULL,
				preco_medio {{DEC}} NOT NULL,
				quantidade BIGINT NOT NULL,
				nota {{DEC}} NOT NULL,
				created_at {{TS}} NOT NULL,
				updated_at {{TS}} NOT NULL,
				UNIQUE (user_id, ticker)
			)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE wallet_items`)
	})
}
