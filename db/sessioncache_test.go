package db_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// With the cache on, a session read again within the TTL costs no query,
// but its expiry, the Store's own changes to the user and the end of the
// session still take effect at once.
func TestSessionCache(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		ctx := context.Background()
		now := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
		s.EnableSessionCache(5 * time.Second)
		u := &db.User{Username: "cid", Email: "cid@example.com", PasswordHash: "x"}
		if err := s.CreateUser(ctx, u, now); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateSession(ctx, "h1", u.ID, now, now.Add(3*time.Second)); err != nil {
			t.Fatal(err)
		}
		q := &queryCount{}
		s.DB = s.DB.WithQueryHook(q)
		for i := range 3 {
			_, got, err := s.SessionUser(ctx, "h1", now.Add(time.Duration(i)*time.Second))
			if err != nil || got.Username != "cid" {
				t.Fatalf("lookup %d: %+v %v", i, got, err)
			}
			got.Username = "changed by a handler" // must not reach the next request
		}
		if n := q.n.Load(); n != 1 {
			t.Fatalf("%d queries for three lookups within the TTL, want 1", n)
		}

		t.Log("the e-mail changed through the Store shows at once")
		if err := s.ChangeEmail(ctx, u.ID, "new@example.com"); err != nil {
			t.Fatal(err)
		}
		if _, got, err := s.SessionUser(ctx, "h1", now.Add(2*time.Second)); err != nil || got.Email != "new@example.com" || got.Username != "cid" {
			t.Fatalf("after ChangeEmail: %+v %v", got, err)
		}

		t.Log("a session that expires while cached is refused at once")
		if _, _, err := s.SessionUser(ctx, "h1", now.Add(3*time.Second)); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("expired session: %v", err)
		}

		t.Log("a session ended elsewhere (ForgetSession) is read again")
		if err := s.CreateSession(ctx, "h2", u.ID, now, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SessionUser(ctx, "h2", now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DB.NewDelete().Model((*db.Session)(nil)).Where("token_hash = ?", "h2").Exec(ctx); err != nil {
			t.Fatal(err) // as another instance's logout would
		}
		s.ForgetSession("h2")
		if _, _, err := s.SessionUser(ctx, "h2", now); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("forgotten session: %v", err)
		}
	})
}
