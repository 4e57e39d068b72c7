package jobs

import (
	"context"
	"errors"
	"testing"

	"github.com/stonks-b3/stonks/db/dbtest"
)

// One instance leads; when its session is killed it stops leading at its
// next check, and another instance takes the lock.
func TestPGElectorHandsOverWhenTheLeaderSessionDies(t *testing.T) {
	store := dbtest.Postgres(t)
	ctx := context.Background()
	schema, err := store.Schema(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, b := NewPGElector(store.DB.DB, "leader:"+schema), NewPGElector(store.DB.DB, "leader:"+schema)
	t.Cleanup(a.Close)
	t.Cleanup(b.Close)
	if err := a.IsLeader(ctx); err != nil {
		t.Fatalf("a: %v", err)
	}
	if err := a.IsLeader(ctx); err != nil {
		t.Fatalf("a again: %v", err)
	}
	if err := b.IsLeader(ctx); !errors.Is(err, ErrNotLeader) {
		t.Fatalf("b while a leads: %v", err)
	}
	if _, err := store.DB.ExecContext(ctx, "SELECT pg_terminate_backend(?, 5000)", a.PID()); err != nil {
		t.Fatal(err)
	}
	// a's session is gone: a must not act as leader, b takes over.
	if err := b.IsLeader(ctx); err != nil {
		t.Fatalf("b after a's session died: %v", err)
	}
	if err := a.IsLeader(ctx); err == nil || a.Leader() {
		t.Fatal("a still leads without its session")
	}
	// Closing gives the lock up at once.
	b.Close()
	if err := a.IsLeader(ctx); err != nil {
		t.Fatalf("a after b closed: %v", err)
	}
}
