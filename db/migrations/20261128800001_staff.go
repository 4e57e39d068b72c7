package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

// Staff: the role (granted only from the command line), suspensions, the
// "sudo" time of a session (when its password was last entered) and the
// audit log of every staff action.
func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			`ALTER TABLE users ADD COLUMN is_staff BOOLEAN NOT NULL DEFAULT FALSE`,
			`ALTER TABLE users ADD COLUMN suspended_at {{TS}}`,
			// NULL: the password was entered when the session began (created_at).
			`ALTER TABLE sessions ADD COLUMN sudo_at {{TS}}`,
			// No foreign key: the log outlives the accounts it names.
			`CREATE TABLE staff_audit (
				id {{ID}},
				staff_id BIGINT,
				staff_name VARCHAR(150) NOT NULL,
				action VARCHAR(64) NOT NULL,
				target VARCHAR(200) NOT NULL,
				before_json TEXT NOT NULL,
				after_json TEXT NOT NULL,
				at {{TS}} NOT NULL
			)`,
			`CREATE INDEX staff_audit_at ON staff_audit (at)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE staff_audit`, `ALTER TABLE sessions DROP COLUMN sudo_at`,
			`ALTER TABLE users DROP COLUMN suspended_at`, `ALTER TABLE users DROP COLUMN is_staff`)
	})
}
