package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

// Sign-ups are limited per client address; each one is remembered here a short while.
func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			`CREATE TABLE signup_attempts (
				id {{ID}},
				ip VARCHAR(64) NOT NULL,
				at {{TS}} NOT NULL
			)`,
			`CREATE INDEX signup_attempts_ip ON signup_attempts (ip, at)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE signup_attempts`)
	})
}
