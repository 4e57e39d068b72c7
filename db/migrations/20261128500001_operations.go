package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		// The opening operation of a holding typed directly: dated the day
		// the holding was created, at its average price, no fees.
		day := `substr(created_at, 1, 10)`
		if db.Dialect().Name().String() == "pg" {
			day = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
		}
		return exec(ctx, db,
			// Dated buys and sells. ticker is the asset (PETR4 for a trade of
			// PETR4F, fracionario true); data is the trade date as YYYY-MM-DD
			// (a calendar date, no time zone); abertura marks the opening
			// balance that stands for a holding typed directly.
			`CREATE TABLE operations (
				id {{ID}},
				user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				ticker VARCHAR(12) NOT NULL,
				fracionario BOOLEAN NOT NULL DEFAULT FALSE,
				data VARCHAR(10) NOT NULL,
				tipo VARCHAR(1) NOT NULL CHECK (tipo IN ('C', 'V')),
				quantidade BIGINT NOT NULL CHECK (quantidade > 0),
				preco {{DEC}} NOT NULL,
				taxas {{DEC}} NOT NULL,
				abertura BOOLEAN NOT NULL DEFAULT FALSE,
				created_at {{TS}} NOT NULL,
				updated_at {{TS}} NOT NULL
			)`,
			`CREATE INDEX operations_user_ticker ON operations (user_id, ticker, data)`,
			`INSERT INTO operations (user_id, ticker, fracionario, data, tipo, quantidade, preco, taxas, abertura, created_at, updated_at)
				SELECT user_id, ticker, FALSE, `+day+`, 'C', quantidade, preco_medio, '0', TRUE, created_at, updated_at
				FROM wallet_items WHERE quantidade > 0`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE operations`)
	})
}
