package db

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// PasswordReset is an e-mailed link that sets a new password: single use,
// valid until ExpiresAt. TokenHash is the SHA-256 of the token in the link.
type PasswordReset struct {
	bun.BaseModel `bun:"table:password_resets,alias:pr"`
	ID            int64      `bun:"id,pk,autoincrement"`
	UserID        int64      `bun:"user_id,notnull"`
	TokenHash     string     `bun:"token_hash,notnull"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	ExpiresAt     time.Time  `bun:"expires_at,notnull"`
	UsedAt        *time.Time `bun:"used_at"`
}

// PasswordResetRequest is one request for a reset link, kept a while to
// limit them per address and per client address.
type PasswordResetRequest struct {
	bun.BaseModel `bun:"table:password_reset_requests"`
	ID            int64     `bun:"id,pk,autoincrement"`
	Email         string    `bun:"email,notnull"`
	IP            string    `bun:"ip,notnull"`
	At            time.Time `bun:"at,notnull"`
}

// ReservePasswordReset records a request for a reset link unless a limit
// (by "email" or "ip") is reached: then wait says how long until one is
// allowed, and nothing is recorded. Reserved as logins are (see reserve).
func (s *Store) ReservePasswordReset(ctx context.Context, email, ip string, now time.Time, limits ...Limit) (time.Duration, error) {
	row := &PasswordResetRequest{Email: NormalEmail(email), IP: ip, At: now.UTC()}
	return s.reserve(ctx, "password_reset_requests", (*PasswordResetRequest)(nil), limits, now, row)
}

// UsersByEmail lists the accounts whose address is email (addresses are
// not unique: each account gets its own link).
func (s *Store) UsersByEmail(ctx context.Context, email string, limit int) ([]User, error) {
	var out []User
	err := s.DB.NewSelect().Model(&out).Where("lower(email) = ?", NormalEmail(email)).
		Order("id").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// CreatePasswordReset stores the hash of a reset token about to be mailed.
func (s *Store) CreatePasswordReset(ctx context.Context, userID int64, tokenHash string, now, expires time.Time) error {
	_, err := s.DB.NewInsert().Model(&PasswordReset{UserID: userID, TokenHash: tokenHash,
		CreatedAt: now.UTC(), ExpiresAt: expires.UTC()}).Exec(ctx)
	return err
}

// PasswordResetUser is the account of an unused, unexpired reset link;
// ErrNotFound otherwise.
func (s *Store) PasswordResetUser(ctx context.Context, tokenHash string, now time.Time) (*User, error) {
	u := new(User)
	err := s.DB.NewSelect().Model(u).
		Where("id = (SELECT user_id FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?)", tokenHash, now.UTC()).
		Scan(ctx)
	return u, notFound(err)
}

// ResetPassword uses a reset link: when it is unused and unexpired it sets
// the account's password hash, uses up every reset link of the account and
// deletes all its sessions, in one transaction, and returns the account's
// id and the ended sessions (their token hashes, for the live streams).
// The link is claimed by a conditional update, so of two parallel uses
// one wins; ErrNotFound for the other, an unknown, used or expired link.
func (s *Store) ResetPassword(ctx context.Context, tokenHash, passwordHash string, now time.Time) (userID int64, ended []string, err error) {
	now = now.UTC()
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var ids []int64
		if err := tx.NewUpdate().Model((*PasswordReset)(nil)).Set("used_at = ?", now).
			Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", tokenHash, now).
			Returning("user_id").Scan(ctx, &ids); err != nil {
			return err
		}
		if len(ids) == 0 {
			return ErrNotFound
		}
		userID = ids[0]
		if _, err := tx.NewUpdate().Model((*PasswordReset)(nil)).Set("used_at = ?", now).
			Where("user_id = ? AND used_at IS NULL", userID).Exec(ctx); err != nil {
			return err
		}
		var err error
		ended, err = setPassword(ctx, tx, userID, passwordHash, "")
		return err
	})
	s.ForgetUser(userID)
	return userID, ended, err
}

// ChangePassword sets the account's password hash and ends its other
// sessions (a stolen session does not outlive the change); keep is the
// token hash of the session that made the change. It returns the ended ones.
func (s *Store) ChangePassword(ctx context.Context, userID int64, passwordHash, keep string) (ended []string, err error) {
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		ended, err = setPassword(ctx, tx, userID, passwordHash, keep)
		return err
	})
	s.ForgetUser(userID)
	return ended, err
}

func setPassword(ctx context.Context, tx bun.Tx, userID int64, passwordHash, keep string) ([]string, error) {
	if _, err := tx.NewUpdate().Model((*User)(nil)).Set("password_hash = ?", passwordHash).
		Where("id = ?", userID).Exec(ctx); err != nil {
		return nil, err
	}
	var ended []string
	err := tx.NewDelete().Model((*Session)(nil)).Where("user_id = ? AND token_hash <> ?", userID, keep).
		Returning("token_hash").Scan(ctx, &ended)
	return ended, err
}

// SetPendingEmail records an e-mail change that waits for the new address
// to be confirmed (ConfirmByToken applies it).
func (s *Store) SetPendingEmail(ctx context.Context, userID int64, email string) error {
	_, err := s.DB.NewUpdate().Model((*User)(nil)).Set("pending_email = ?", NormalEmail(email)).
		Where("id = ?", userID).Exec(ctx)
	s.ForgetUser(userID)
	return err
}

// ChangeEmail sets the account's address at once (it is confirmed already)
// and drops any pending change.
func (s *Store) ChangeEmail(ctx context.Context, userID int64, email string) error {
	_, err := s.DB.NewUpdate().Model((*User)(nil)).Set("email = ?", NormalEmail(email)).Set("pending_email = NULL").
		Where("id = ?", userID).Exec(ctx)
	s.ForgetUser(userID)
	return err
}

// applyPendingEmail makes a pending e-mail change the account's address once
// that address is confirmed.
func applyPendingEmail(ctx context.Context, db bun.IDB, userID int64, email string) error {
	_, err := db.NewUpdate().Model((*User)(nil)).Set("email = pending_email").Set("pending_email = NULL").
		Where("id = ? AND pending_email = ?", userID, NormalEmail(email)).Exec(ctx)
	return err
}

// DeleteUser deletes the account and everything that is theirs: the foreign
// keys cascade to sessions, reset links, e-mail addresses, alerts, wallet
// items, messages, participations and the rooms they host (with those
// rooms' messages, whoever wrote them); the alert notices (no foreign key,
// see the alerts migration) and login failures are deleted here. It
// returns the ended sessions' token hashes, for the live streams.
func (s *Store) DeleteUser(ctx context.Context, userID int64) (ended []string, err error) {
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var key string
		if err := tx.NewSelect().Model((*User)(nil)).Column("username_key").Where("id = ?", userID).Scan(ctx, &key); err != nil {
			return notFound(err)
		}
		if err := tx.NewDelete().Model((*Session)(nil)).Where("user_id = ?", userID).
			Returning("token_hash").Scan(ctx, &ended); err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*AlertNotice)(nil)).Where("user_id = ?", userID).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*LoginFailure)(nil)).Where("username = ?", key).Exec(ctx); err != nil {
			return err
		}
		_, err := tx.NewDelete().Model((*User)(nil)).Where("id = ?", userID).Exec(ctx)
		return err
	})
	s.ForgetUser(userID)
	return ended, err
}
