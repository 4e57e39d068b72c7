package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		err := exec(ctx, db,
			// buy_price / sell_price are NULL when that side is not watched.
			// zone is the engine's last decision ('' before the first check),
			// crossings counts notices so each crossing has its own outbox key.
			`CREATE TABLE alerts (
				id {{ID}},
				user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				email VARCHAR(254) NOT NULL,
				ticker VARCHAR(12) NOT NULL,
				buy_price {{DEC}},
				sell_price {{DEC}},
				period_minutes INTEGER NOT NULL,
				duration_days INTEGER NOT NULL,
				lang VARCHAR(8) NOT NULL,
				zone VARCHAR(8) NOT NULL DEFAULT '',
				crossings INTEGER NOT NULL DEFAULT 0,
				expired BOOLEAN NOT NULL DEFAULT FALSE,
				created_at {{TS}} NOT NULL,
				expires_at {{TS}} NOT NULL,
				next_check_at {{TS}} NOT NULL,
				last_price {{DEC}},
				last_checked_at {{TS}},
				last_triggered_at {{TS}}
			)`,
			`CREATE INDEX alerts_user ON alerts (user_id, id)`,
			// No index on next_check_at: the engine rewrites it on every alert it
			// checks, and an index on it would stop PostgreSQL's in-place (HOT)
			// updates, tripling the cost of a cycle; the due query scans instead
			// (about 40 ms per 100k alerts).
			// The outbox: one row per notice, written in the transaction that
			// changes the alert's zone; idem_key (alert + crossing) makes a
			// repeated engine run a no-op and names the .eml file / Message-ID.
			// alert_id has no foreign key on purpose: its per-row check trigger
			// doubled the cost of a cycle's bulk insert; DeleteAlert removes
			// the notices itself, in the same transaction.
			`CREATE TABLE alert_notices (
				id {{ID}},
				idem_key VARCHAR(80) NOT NULL UNIQUE,
				alert_id BIGINT NOT NULL,
				user_id BIGINT NOT NULL,
				kind VARCHAR(8) NOT NULL,
				email VARCHAR(254) NOT NULL,
				ticker VARCHAR(12) NOT NULL,
				lang VARCHAR(8) NOT NULL,
				price {{DEC}},
				threshold {{DEC}},
				created_at {{TS}} NOT NULL,
				attempts INTEGER NOT NULL DEFAULT 0,
				next_attempt_at {{TS}} NOT NULL,
				sent_at {{TS}},
				last_error TEXT NOT NULL DEFAULT ''
			)`,
			`CREATE INDEX alert_notices_pending ON alert_notices (next_attempt_at) WHERE sent_at IS NULL`,
			`CREATE INDEX alert_notices_alert ON alert_notices (alert_id)`,
		)
		if err != nil || db.Dialect().Name().String() != "pg" {
			return err
		}
		// Room in each page for the engine's updates to stay on the page (HOT).
		_, err = db.ExecContext(ctx, `ALTER TABLE alerts SET (fillfactor = 70)`)
		return err
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE alert_notices`, `DROP TABLE alerts`)
	})
}
