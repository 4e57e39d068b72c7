package db_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

type queryCount struct{ n atomic.Int64 }

func (q *queryCount) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	q.n.Add(1)
	return ctx
}
func (q *queryCount) AfterQuery(context.Context, *bun.QueryEvent) {}

// Every logged-in page looks its session up: the session and its user come
// back in one round trip.
func TestSessionUserIsOneQuery(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		ctx := context.Background()
		now := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
		u := &db.User{Username: "bea", Email: "bea@example.com", PasswordHash: "x"}
		if err := s.CreateUser(ctx, u, now); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateSession(ctx, "h2", u.ID, now, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		q := &queryCount{}
		s.DB = s.DB.WithQueryHook(q)
		sess, got, err := s.SessionUser(ctx, "h2", now)
		if err != nil || got.ID != u.ID || got.Username != "bea" || sess.UserID != u.ID || !sess.ExpiresAt.Equal(now.Add(time.Hour)) {
			t.Fatalf("session user: %+v %+v %v", sess, got, err)
		}
		if n := q.n.Load(); n != 1 {
			t.Fatalf("%d queries, want 1", n)
		}
	})
}
