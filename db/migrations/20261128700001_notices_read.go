package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			// When the user saw a notice on /notifications/ (NULL: unread).
			`ALTER TABLE alert_notices ADD COLUMN read_at {{TS}}`,
			// The notices written before this page existed were toasted or
			// mailed already: they count as read, or every user would open
			// the app to a pile of old "unread" notices.
			`UPDATE alert_notices SET read_at = created_at`,
			// The navbar counts a user's unread notices on every page.
			`CREATE INDEX alert_notices_unread ON alert_notices (user_id) WHERE read_at IS NULL`,
			// The notifications page lists a user's notices, newest first.
			`CREATE INDEX alert_notices_user ON alert_notices (user_id, id)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP INDEX alert_notices_user`, `DROP INDEX alert_notices_unread`,
			`ALTER TABLE alert_notices DROP COLUMN read_at`)
	})
}
