package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			// Daily bars as the provider returned them: a cache refreshed at
			// most once a day per ticker (history_fetches says when).
			`CREATE TABLE price_history (
				ticker VARCHAR(12) NOT NULL,
				day {{TS}} NOT NULL,
				open {{DEC}} NOT NULL,
				high {{DEC}} NOT NULL,
				low {{DEC}} NOT NULL,
				close {{DEC}} NOT NULL,
				volume BIGINT NOT NULL,
				PRIMARY KEY (ticker, day)
			)`,
			`CREATE TABLE history_fetches (
				ticker VARCHAR(12) PRIMARY KEY,
				fetched_at {{TS}} NOT NULL
			)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE history_fetches`, `DROP TABLE price_history`)
	})
}
