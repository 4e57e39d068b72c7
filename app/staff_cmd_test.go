package main

import (
	"context"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

func TestStaffCommandGrantsAndRevokes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		ctx, now := context.Background(), time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
		u := &db.User{Username: "Ana", Email: "ana@example.com", PasswordHash: "x"}
		if err := store.CreateUser(ctx, u, now); err != nil {
			t.Fatal(err)
		}
		if err := grantStaff(ctx, store, "ana", true, now); err != nil {
			t.Fatal(err)
		}
		if got, _ := store.UserByID(ctx, u.ID); !got.IsStaff {
			t.Fatal("not staff after grant")
		}
		if err := grantStaff(ctx, store, "Ana", false, now); err != nil {
			t.Fatal(err)
		}
		if got, _ := store.UserByID(ctx, u.ID); got.IsStaff {
			t.Fatal("still staff after --revoke")
		}
		if n, _ := store.CountAudit(ctx); n != 2 {
			t.Errorf("audit entries %d, want 2", n)
		}
		if err := grantStaff(ctx, store, "nobody", true, now); err == nil {
			t.Error("granting a missing user succeeded")
		}
	})
}
