package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			// Proventos per share, as providers (or the simulator) announce
			// them: shared by all users, one row per ticker, kind and ex-date.
			`CREATE TABLE dividends (
				id {{ID}},
				ticker VARCHAR(12) NOT NULL,
				kind VARCHAR(4) NOT NULL,
				ex_date VARCHAR(10) NOT NULL,
				pay_date VARCHAR(10) NOT NULL,
				per_share {{DEC}} NOT NULL,
				UNIQUE (ticker, kind, ex_date)
			)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE dividends`)
	})
}
