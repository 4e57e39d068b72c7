package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

// Moderation: locked (read-only) rooms, the notices an author gets when
// staff remove their room or message, and users' reports of messages.
func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			`ALTER TABLE rooms ADD COLUMN locked_at {{TS}}`,
			`CREATE TABLE moderation_notices (
				id {{ID}},
				user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				kind VARCHAR(16) NOT NULL,
				what TEXT NOT NULL,
				at {{TS}} NOT NULL
			)`,
			`CREATE INDEX moderation_notices_user ON moderation_notices (user_id, at)`,
			// One report per message and reporter; gone with the message.
			`CREATE TABLE message_reports (
				id {{ID}},
				message_id BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
				reporter_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				reason VARCHAR(500) NOT NULL,
				created_at {{TS}} NOT NULL,
				UNIQUE (message_id, reporter_id)
			)`,
			`CREATE INDEX message_reports_created ON message_reports (created_at)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE message_reports`, `DROP TABLE moderation_notices`,
			`ALTER TABLE rooms DROP COLUMN locked_at`)
	})
}
