package db

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// RecordLoginFailure remembers one wrong password for throttling.
func (s *Store) RecordLoginFailure(ctx context.Context, username, ip string, at time.Time) error {
	_, err := s.DB.NewInsert().Model(&LoginFailure{Username: username, IP: ip, At: at.UTC()}).Exec(ctx)
	return err
}

// LoginFailures counts failures since a time for a column ("username" or "ip")
// and returns the oldest of them, from which the wait is computed.
func (s *Store) LoginFailures(ctx context.Context, column, value string, since time.Time) (int, time.Time, error) {
	if column != "username" && column != "ip" {
		panic("db: LoginFailures by " + column)
	}
	var rows []LoginFailure
	err := s.DB.NewSelect().Model(&rows).Column("at").
		Where("? = ?", bun.Ident(column), value).Where("at > ?", since.UTC()).
		Order("at ASC").Scan(ctx)
	if err != nil || len(rows) == 0 {
		return 0, time.Time{}, err
	}
	return len(rows), rows[0].At, nil
}

// ClearLoginFailures forgets a username's failures after a successful login.
func (s *Store) ClearLoginFailures(ctx context.Context, username string) error {
	_, err := s.DB.NewDelete().Model((*LoginFailure)(nil)).Where("username = ?", username).Exec(ctx)
	return err
}
