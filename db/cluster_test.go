package db_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// The leader polls what any live instance watches; an instance that
// stopped heartbeating drops out, and one with no viewers adds nothing.
func TestWatchedUnion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		ctx := context.Background()
		t0 := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(store.Heartbeat(ctx, "a", []string{"PETR4", "VALE3"}, t0))
		must(store.Heartbeat(ctx, "b", []string{"VALE3", "ITUB4"}, t0.Add(time.Second)))
		must(store.Heartbeat(ctx, "c", nil, t0.Add(time.Second)))
		got, err := store.WatchedUnion(ctx, t0.Add(-time.Second))
		must(err)
		slices.Sort(got)
		if want := []string{"ITUB4", "PETR4", "VALE3"}; !slices.Equal(got, want) {
			t.Fatalf("union = %v, want %v", got, want)
		}
		// a stops; b heartbeats again with fewer tickers.
		must(store.Heartbeat(ctx, "b", []string{"ITUB4"}, t0.Add(2*time.Second)))
		got, err = store.WatchedUnion(ctx, t0.Add(time.Second/2))
		must(err)
		if want := []string{"ITUB4"}; !slices.Equal(got, want) {
			t.Fatalf("union after a expired = %v, want %v", got, want)
		}
		must(store.Unwatch(ctx, "b"))
		got, err = store.WatchedUnion(ctx, t0)
		must(err)
		if len(got) != 0 {
			t.Fatalf("union with nobody watching = %v", got)
		}
	})
}
