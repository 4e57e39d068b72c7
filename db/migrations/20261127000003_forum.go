package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			// Topic names are unique whatever their case: "Ações" and "AÇÕES"
			// are one topic. The key is lower-cased in Go, because SQLite's
			// LOWER only knows ASCII.
			`CREATE TABLE topics (
				id {{ID}},
				name VARCHAR(40) NOT NULL,
				name_key VARCHAR(160) NOT NULL UNIQUE,
				created_at {{TS}} NOT NULL
			)`,
			`CREATE TABLE rooms (
				id {{ID}},
				host_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				topic_id BIGINT NOT NULL REFERENCES topics(id),
				name VARCHAR(80) NOT NULL,
				description TEXT NOT NULL DEFAULT '',
				created_at {{TS}} NOT NULL,
				updated_at {{TS}} NOT NULL
			)`,
			`CREATE INDEX rooms_updated ON rooms (updated_at DESC, id DESC)`,
			`CREATE INDEX rooms_topic ON rooms (topic_id, updated_at DESC)`,
			`CREATE INDEX rooms_host ON rooms (host_id, updated_at DESC)`,
			`CREATE TABLE messages (
				id {{ID}},
				room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
				user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				body TEXT NOT NULL,
				created_at {{TS}} NOT NULL
			)`,
			// Keyset pagination of a room walks this index backwards from a
			// (created_at, id) cursor, so page 2000 costs what page 1 does.
			`CREATE INDEX messages_room ON messages (room_id, created_at DESC, id DESC)`,
			`CREATE INDEX messages_user ON messages (user_id, created_at DESC, id DESC)`,
			`CREATE INDEX messages_recent ON messages (created_at DESC, id DESC)`,
			// Everyone who posted in a room; a row per pair, kept when messages go.
			`CREATE TABLE room_participants (
				room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
				user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				joined_at {{TS}} NOT NULL,
				PRIMARY KEY (room_id, user_id)
			)`,
			`CREATE INDEX room_participants_user ON room_participants (user_id)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE room_participants`, `DROP TABLE messages`, `DROP TABLE rooms`, `DROP TABLE topics`)
	})
}
