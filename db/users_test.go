package db_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

func TestUsersAndSessions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		u := &db.User{Username: "ana", Email: "ana@example.com", PasswordHash: "x"}
		if err := s.CreateUser(ctx, u, time.Now()); err != nil || u.ID == 0 {
			t.Fatalf("create: id %d, %v", u.ID, err)
		}
		if err := s.CreateUser(ctx, &db.User{Username: "ana", Email: "b@example.com", PasswordHash: "y"}, time.Now()); !errors.Is(err, db.ErrTaken) {
			t.Fatalf("duplicate username: got %v, want ErrTaken", err)
		}
		// The caller's clock, not the machine's, dates the session.
		now := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
		if err := s.CreateSession(ctx, "h1", u.ID, now, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if sess, got, err := s.SessionUser(ctx, "h1", now); err != nil || got.Username != "ana" || !sess.CreatedAt.Equal(now) {
			t.Fatalf("session user: %+v %v %v, want created at %s", sess, got, err, now)
		}
		if _, _, err := s.SessionUser(ctx, "h1", now.Add(2*time.Hour)); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("expired session still valid: %v", err)
		}
		n, err := s.DeleteExpired(ctx, now.Add(2*time.Hour), now)
		if err != nil || n != 1 {
			t.Fatalf("delete expired: %d %v", n, err)
		}
	})
}

func TestMigrateTwiceIsNoop(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		n, err := s.Migrate(context.Background())
		if err != nil || n != 0 {
			t.Fatalf("second migrate ran %d migrations, err %v", n, err)
		}
	})
}
