package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// The cleanup job forgets expired reset links and old reset requests, and
// keeps the ones still in use.
func TestDeleteExpiredResets(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		u := &db.User{Username: "ana", Email: "ana@example.com", PasswordHash: "x"}
		if err := s.CreateUser(ctx, u, time.Now()); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
		for i, created := range []time.Time{now.Add(-2 * time.Hour), now.Add(-time.Minute)} {
			if err := s.CreatePasswordReset(ctx, u.ID, string(rune('a'+i)), created, created.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if _, err := s.ReservePasswordReset(ctx, "ana@example.com", "192.0.2.1", created); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.DeleteExpired(ctx, now, now.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		for table, want := range map[string]int64{"password_resets": 1, "password_reset_requests": 1} {
			if n, err := s.DB.NewSelect().Table(table).Count(ctx); err != nil || n != want {
				t.Errorf("%s: %d rows left (%v), want %d", table, n, err, want)
			}
		}
		if _, err := s.PasswordResetUser(ctx, "b", now); err != nil {
			t.Errorf("the link still valid was deleted: %v", err)
		}
	})
}
