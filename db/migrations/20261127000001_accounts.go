package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			`CREATE TABLE users (
				id {{ID}},
				username VARCHAR(150) NOT NULL UNIQUE,
				email VARCHAR(254) NOT NULL,
				password_hash TEXT NOT NULL,
				created_at {{TS}} NOT NULL
			)`,
			// The cookie holds a random token; only its SHA-256 is stored, so a
			// copy of this table cannot be used to log in.
			`CREATE TABLE sessions (
				token_hash VARCHAR(64) PRIMARY KEY,
				user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				created_at {{TS}} NOT NULL,
				expires_at {{TS}} NOT NULL
			)`,
			`CREATE INDEX sessions_user_id ON sessions (user_id)`,
			`CREATE INDEX sessions_expires_at ON sessions (expires_at)`,
			`CREATE TABLE login_failures (
				id {{ID}},
				username VARCHAR(150) NOT NULL,
				ip VARCHAR(64) NOT NULL,
				at {{TS}} NOT NULL
			)`,
			`CREATE INDEX login_failures_username ON login_failures (username, at)`,
			`CREATE INDEX login_failures_ip ON login_failures (ip, at)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE login_failures`, `DROP TABLE sessions`, `DROP TABLE users`)
	})
}
