package db

import (
	"context"
	"time"
)

// CreateSession stores a new session for userID, created at now (the app's
// clock, like the expiry).
func (s *Store) CreateSession(ctx context.Context, tokenHash string, userID int64, now, expires time.Time) error {
	_, err := s.DB.NewInsert().Model(&Session{
		TokenHash: tokenHash, UserID: userID,
		CreatedAt: now.UTC(), ExpiresAt: expires.UTC(),
	}).Exec(ctx)
	return err
}

// SessionUser returns the session and its user when the session exists and
// has not expired, in one query: every logged-in page starts with it.
func (s *Store) SessionUser(ctx context.Context, tokenHash string, now time.Time) (*Session, *User, error) {
	c := s.sessions
	var gen uint64
	if c != nil {
		if sess, u, ok := c.get(tokenHash, now); ok {
			return sess, u, nil
		}
		gen = c.generation()
	}
	sess := new(Session)
	err := s.DB.NewSelect().Model(sess).Relation("User").
		Where("s.token_hash = ?", tokenHash).Where("s.expires_at > ?", now.UTC()).Scan(ctx)
	if err != nil {
		return nil, nil, notFound(err)
	}
	if sess.User.SuspendedAt != nil {
		return nil, nil, ErrNotFound // a suspended user has no session, whatever is left of one
	}
	if c != nil {
		c.put(tokenHash, sess, sess.User, gen, now)
	}
	return sess, sess.User, nil
}

// ExtendSession moves a session's expiry forward (sliding sessions).
func (s *Store) ExtendSession(ctx context.Context, tokenHash string, expires time.Time) error {
	_, err := s.DB.NewUpdate().Model((*Session)(nil)).Set("expires_at = ?", expires.UTC()).
		Where("token_hash = ?", tokenHash).Exec(ctx)
	s.ForgetSession(tokenHash)
	return err
}

// DeleteSession ends one session (logout, or rotation at login).
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.DB.NewDelete().Model((*Session)(nil)).Where("token_hash = ?", tokenHash).Exec(ctx)
	s.ForgetSession(tokenHash)
	return err
}

// DeleteExpired removes sessions and reset links that expired, and old
// login failures, sign-up attempts and reset requests; run by a job.
func (s *Store) DeleteExpired(ctx context.Context, now time.Time, failuresBefore time.Time) (int64, error) {
	res, err := s.DB.NewDelete().Model((*Session)(nil)).Where("expires_at <= ?", now.UTC()).Exec(ctx)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	if _, err := s.DB.NewDelete().Model((*PasswordReset)(nil)).Where("expires_at <= ?", now.UTC()).Exec(ctx); err != nil {
		return n, err
	}
	for _, model := range []any{(*LoginFailure)(nil), (*SignupAttempt)(nil), (*PasswordResetRequest)(nil)} {
		if _, err := s.DB.NewDelete().Model(model).Where("at < ?", failuresBefore.UTC()).Exec(ctx); err != nil {
			return n, err
		}
	}
	return n, nil
}
