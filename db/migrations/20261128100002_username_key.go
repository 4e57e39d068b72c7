package migrations

import (
	"context"
	"fmt"

	"github.com/stonks-b3/stonks/db/usernames"
	"github.com/uptrace/bun"
)

// Usernames that look alike (ADMIN, ａｄｍｉｎ, ad\u200bmin) are one name: a
// unique key column holds usernames.Key, backfilled here for existing users.
func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE users ADD COLUMN username_key VARCHAR(600) NOT NULL DEFAULT ''`); err != nil {
				return err
			}
			var users []struct {
				ID       int64  `bun:"id"`
				Username string `bun:"username"`
			}
			if err := tx.NewSelect().Table("users").Column("id", "username").Order("id").Scan(ctx, &users); err != nil {
				return err
			}
			seen := map[string]bool{}
			for _, u := range users {
				key := usernames.Key(u.Username)
				if seen[key] {
					// An older account already has this name: the later
					// look-alike keeps its row under a key no one can type
					// ('#' is not allowed in usernames).
					key = fmt.Sprintf("%s#%d", key, u.ID)
				}
				seen[key] = true
				if _, err := tx.ExecContext(ctx, `UPDATE users SET username_key = ? WHERE id = ?`, key, u.ID); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `CREATE UNIQUE INDEX users_lookalike_key ON users (username_key)`)
			return err
		})
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP INDEX users_lookalike_key`, `ALTER TABLE users DROP COLUMN username_key`)
	})
}
