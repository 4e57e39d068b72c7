package migrations

import (
	"context"

	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db,
			// The addresses a user may mail alerts to, the account's own
			// included. Mail to an address waits until confirmed_at is set by
			// the link sent to it. Only the token's SHA-256 is stored; the
			// sender makes the token when it mails the link (sent_at NULL:
			// a mail is due at next_attempt_at).
			`CREATE TABLE email_addresses (
				id {{ID}},
				user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
				email VARCHAR(254) NOT NULL,
				lang VARCHAR(8) NOT NULL,
				requested_at {{TS}} NOT NULL,
				confirmed_at {{TS}},
				token_hash VARCHAR(64) UNIQUE,
				expires_at {{TS}},
				sent_at {{TS}},
				attempts INTEGER NOT NULL DEFAULT 0,
				next_attempt_at {{TS}} NOT NULL,
				UNIQUE (user_id, email)
			)`,
			`CREATE INDEX email_addresses_due ON email_addresses (next_attempt_at) WHERE sent_at IS NULL AND confirmed_at IS NULL`,
			`CREATE INDEX email_addresses_sent ON email_addresses (email, sent_at)`,
			// Addresses are compared lower-cased from now on.
			`UPDATE alerts SET email = lower(email)`,
			`UPDATE alert_notices SET email = lower(email) WHERE sent_at IS NULL`,
			// Accounts that predate confirmation keep their alert mail: their
			// own address counts as confirmed. Other addresses of existing
			// alerts are asked for confirmation (one mail each).
			`INSERT INTO email_addresses (user_id, email, lang, requested_at, confirmed_at, next_attempt_at)
				SELECT id, lower(email), 'pt-BR', created_at, created_at, created_at FROM users`,
			`INSERT INTO email_addresses (user_id, email, lang, requested_at, next_attempt_at)
				SELECT user_id, email, min(lang), min(created_at), min(created_at) FROM alerts
				WHERE NOT EXISTS (SELECT 1 FROM email_addresses e WHERE e.user_id = alerts.user_id AND e.email = alerts.email)
				GROUP BY user_id, email`,
			// The per-address hourly cap counts recent mail to an address.
			`CREATE INDEX alert_notices_sent_to ON alert_notices (email, sent_at)`,
		)
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP INDEX alert_notices_sent_to`, `DROP TABLE email_addresses`)
	})
}
