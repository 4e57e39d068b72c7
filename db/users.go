package db

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/stonks-b3/stonks/db/usernames"
)

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("not found")

// ErrTaken is returned when a unique value (a username, a ticker in a wallet…) already exists.
var ErrTaken = errors.New("already taken")

// CreateUser inserts u, created at now (the app's clock), and sets its ID;
// ErrTaken when the username, or one that looks the same (usernames.Key), exists.
func (s *Store) CreateUser(ctx context.Context, u *User, now time.Time) error {
	u.CreatedAt = now.UTC()
	u.UsernameKey = usernames.Key(u.Username)
	_, err := s.DB.NewInsert().Model(u).Returning("id").Exec(ctx)
	if isUniqueViolation(err) {
		return ErrTaken
	}
	return err
}

// UsernameTaken tells whether an account already uses this username or one
// that looks the same.
func (s *Store) UsernameTaken(ctx context.Context, username string) (bool, error) {
	return s.DB.NewSelect().Model((*User)(nil)).Where("username_key = ?", usernames.Key(username)).Exists(ctx)
}

// UserByUsername finds an account by its username, compared as usernames.Key
// (case, fullwidth forms and invisible characters do not matter).
func (s *Store) UserByUsername(ctx context.Context, username string) (*User, error) {
	u := new(User)
	err := s.DB.NewSelect().Model(u).Where("username_key = ?", usernames.Key(username)).Scan(ctx)
	return u, notFound(err)
}

// UserByID finds an account by id.
func (s *Store) UserByID(ctx context.Context, id int64) (*User, error) {
	u := new(User)
	err := s.DB.NewSelect().Model(u).Where("id = ?", id).Scan(ctx)
	return u, notFound(err)
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// isUniqueViolation recognises the unique-constraint error of both drivers
// (PostgreSQL SQLSTATE 23505, SQLite "UNIQUE constraint failed").
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "23505") || strings.Contains(msg, "UNIQUE constraint failed")
}
