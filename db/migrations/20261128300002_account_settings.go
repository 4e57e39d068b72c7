package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

// Account settings: password reset links, the limits on asking for them,
// and an e-mail change waiting for its confirmation.
func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			// The new address of an e-mail change, until its link is followed.
			`ALTER TABLE users ADD COLUMN pending_email VARCHAR(254)`,
			// A reset link: only the token's SHA-256 is stored; used_at makes
			// it single use.
			`CREATE TABLE password_resets (
				id {{ID}},
				user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				token_hash VARCHAR(64) NOT NULL UNIQUE,
				created_at {{TS}} NOT NULL,
				expires_at {{TS}} NOT NULL,
				used_at {{TS}}
			)`,
			`CREATE INDEX password_resets_user ON password_resets (user_id)`,
			// Each request for a reset link, remembered a short while to
			// limit them per address and per client (no user id: the address
			// may belong to no account).
			`CREATE TABLE password_reset_requests (
				id {{ID}},
				email VARCHAR(254) NOT NULL,
				ip VARCHAR(64) NOT NULL,
				at {{TS}} NOT NULL
			)`,
			`CREATE INDEX password_reset_requests_email ON password_reset_requests (email, at)`,
			`CREATE INDEX password_reset_requests_ip ON password_reset_requests (ip, at)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE password_reset_requests`, `DROP TABLE password_resets`,
			`ALTER TABLE users DROP COLUMN pending_email`)
	})
}
