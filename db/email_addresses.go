package db

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// EmailAddress is an address a user may send alerts to. Mail to it waits
// until ConfirmedAt is set, through the link mailed to it.
type EmailAddress struct {
	bun.BaseModel `bun:"table:email_addresses,alias:e"`
	ID            int64      `bun:"id,pk,autoincrement"`
	UserID        int64      `bun:"user_id,notnull"`
	Email         string     `bun:"email,notnull"`
	Lang          string     `bun:"lang,notnull"`
	RequestedAt   time.Time  `bun:"requested_at,notnull"`
	ConfirmedAt   *time.Time `bun:"confirmed_at"`
	TokenHash     *string    `bun:"token_hash"`
	ExpiresAt     *time.Time `bun:"expires_at"`
	SentAt        *time.Time `bun:"sent_at"`
	Attempts      int        `bun:"attempts,notnull"`
	NextAttemptAt time.Time  `bun:"next_attempt_at,notnull"`
}

// NormalEmail is the form addresses are stored and compared in.
func NormalEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// RequestConfirmation asks for a confirmation mail to email for userID,
// unless it is confirmed or a link sent to it is still valid: however many
// alerts name an address, it gets one mail per link lifetime.
func (s *Store) RequestConfirmation(ctx context.Context, userID int64, email, lang string, now time.Time) error {
	now = now.UTC()
	e := &EmailAddress{UserID: userID, Email: NormalEmail(email), Lang: lang, RequestedAt: now, NextAttemptAt: now}
	_, err := s.DB.NewInsert().Model(e).
		On("CONFLICT (user_id, email) DO UPDATE").
		Set("requested_at = EXCLUDED.requested_at, next_attempt_at = EXCLUDED.next_attempt_at, sent_at = NULL, attempts = 0, lang = EXCLUDED.lang").
		Where("e.confirmed_at IS NULL AND e.sent_at IS NOT NULL AND e.expires_at <= ?", now).
		Returning("NULL").Exec(ctx)
	return err
}

// ConfirmAddress marks email confirmed for userID at once (seeds, tests).
func (s *Store) ConfirmAddress(ctx context.Context, userID int64, email string, at time.Time) error {
	at = at.UTC()
	e := &EmailAddress{UserID: userID, Email: NormalEmail(email), Lang: "pt-BR", RequestedAt: at, ConfirmedAt: &at, NextAttemptAt: at}
	_, err := s.DB.NewInsert().Model(e).
		On("CONFLICT (user_id, email) DO UPDATE").Set("confirmed_at = EXCLUDED.confirmed_at, token_hash = NULL").
		Returning("NULL").Exec(ctx)
	return err
}

// DueConfirmations lists up to limit confirmation mails due at now.
func (s *Store) DueConfirmations(ctx context.Context, now time.Time, limit int) ([]EmailAddress, error) {
	var out []EmailAddress
	err := s.DB.NewSelect().Model(&out).
		Where("sent_at IS NULL AND confirmed_at IS NULL AND next_attempt_at <= ?", now.UTC()).
		Order("next_attempt_at", "id").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// ClaimConfirmations claims up to limit due confirmation mails by moving
// their next attempt to until, as ClaimNotices does for notices.
func (s *Store) ClaimConfirmations(ctx context.Context, now, until time.Time, limit int) ([]EmailAddress, error) {
	lock := ""
	if s.IsPostgres() {
		lock = "FOR UPDATE SKIP LOCKED"
	}
	var out []EmailAddress
	err := s.DB.NewRaw(`UPDATE email_addresses SET next_attempt_at = ? WHERE id IN (
		SELECT id FROM email_addresses
		WHERE sent_at IS NULL AND confirmed_at IS NULL AND next_attempt_at <= ?
		ORDER BY next_attempt_at, id LIMIT ? `+lock+`)
		RETURNING *`, until.UTC(), now.UTC(), limit).Scan(ctx, &out)
	return out, err
}

// ConfirmationToken stores the hash of the token about to be mailed; a
// previous link of the address stops working.
func (s *Store) ConfirmationToken(ctx context.Context, id int64, tokenHash string, expires time.Time) error {
	_, err := s.DB.NewUpdate().Model((*EmailAddress)(nil)).
		Set("token_hash = ?", tokenHash).Set("expires_at = ?", expires.UTC()).
		Where("id = ?", id).Exec(ctx)
	return err
}

// ConfirmationSent marks the confirmation mail delivered.
func (s *Store) ConfirmationSent(ctx context.Context, id int64, at time.Time) error {
	_, err := s.DB.NewUpdate().Model((*EmailAddress)(nil)).
		Set("sent_at = ?", at.UTC()).Set("attempts = attempts + 1").Where("id = ?", id).Exec(ctx)
	return err
}

// ConfirmationDeferred sets when to try the mail again (failure: one more
// attempt; over the hourly cap: none).
func (s *Store) ConfirmationDeferred(ctx context.Context, id int64, next time.Time, failed bool) error {
	q := s.DB.NewUpdate().Model((*EmailAddress)(nil)).Set("next_attempt_at = ?", next.UTC()).Where("id = ?", id)
	if failed {
		q.Set("attempts = attempts + 1")
	}
	_, err := q.Exec(ctx)
	return err
}

// AddressByToken finds the unconfirmed address whose valid link has this
// token hash; ErrNotFound when unknown, used or expired.
func (s *Store) AddressByToken(ctx context.Context, tokenHash string, now time.Time) (*EmailAddress, error) {
	e := new(EmailAddress)
	err := s.DB.NewSelect().Model(e).
		Where("token_hash = ? AND confirmed_at IS NULL AND expires_at > ?", tokenHash, now.UTC()).Scan(ctx)
	return e, notFound(err)
}

// ConfirmByToken confirms the address whose valid link has this token
// hash, once: the hash is cleared in the same statement. When the account
// was changing its e-mail to this address, the change takes effect in the
// same transaction. ErrNotFound when unknown, used or expired.
func (s *Store) ConfirmByToken(ctx context.Context, tokenHash string, now time.Time) (*EmailAddress, error) {
	e := new(EmailAddress)
	now = now.UTC()
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewUpdate().Model(e).
			Set("confirmed_at = ?", now).Set("token_hash = NULL").
			Where("token_hash = ? AND confirmed_at IS NULL AND expires_at > ?", tokenHash, now).
			Returning("id, user_id, email").Exec(ctx, e)
		if err != nil || e.ID == 0 {
			return err
		}
		return applyPendingEmail(ctx, tx, e.UserID, e.Email)
	})
	if e.UserID != 0 {
		s.ForgetUser(e.UserID)
	}
	if err == nil && e.ID == 0 {
		return nil, ErrNotFound
	}
	return e, notFound(err)
}

// AddressConfirmed tells whether userID's mail to email may go out.
func (s *Store) AddressConfirmed(ctx context.Context, userID int64, email string) (bool, error) {
	return s.DB.NewSelect().Model((*EmailAddress)(nil)).
		Where("user_id = ? AND email = ? AND confirmed_at IS NOT NULL", userID, NormalEmail(email)).Exists(ctx)
}

// SentSince counts, per address, the alert notices (confirmations false) or
// confirmation mails (true) sent to each of emails since then.
func (s *Store) SentSince(ctx context.Context, emails []string, since time.Time, confirmations bool) (map[string]int, error) {
	out := map[string]int{}
	if len(emails) == 0 {
		return out, nil
	}
	var rows []struct {
		Email string `bun:"email"`
		N     int    `bun:"n"`
	}
	table := "alert_notices"
	if confirmations {
		table = "email_addresses"
	}
	err := s.DB.NewSelect().Table(table).ColumnExpr("email, count(*) AS n").
		Where("email IN (?) AND sent_at > ?", bun.List(emails), since.UTC()).
		Group("email").Scan(ctx, &rows)
	for _, r := range rows {
		out[r.Email] = r.N
	}
	return out, err
}
