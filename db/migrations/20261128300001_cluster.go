package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			// What each running instance's viewers watch, so the leader polls
			// the union: a row per instance, refreshed every quote interval,
			// ignored once it stops being refreshed.
			`CREATE TABLE instance_watch (
				instance VARCHAR(64) PRIMARY KEY,
				tickers TEXT NOT NULL,
				heartbeat_at {{TS}} NOT NULL
			)`,
			// Live events too big for a NOTIFY payload (8000 bytes): the
			// notification carries the row's id, every instance reads it.
			`CREATE TABLE live_payloads (
				id {{ID}},
				data TEXT NOT NULL,
				created_at {{TS}} NOT NULL
			)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE live_payloads`, `DROP TABLE instance_watch`)
	})
}
