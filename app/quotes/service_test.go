package quotes_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// counting wraps the simulator and counts upstream calls.
type counting struct {
	quotes.Provider
	quoteCalls, historyCalls atomic.Int32
}

func (c *counting) Quotes(ctx context.Context, t []string) (map[string]quotes.Quote, error) {
	c.quoteCalls.Add(1)
	return c.Provider.Quotes(ctx, t)
}

func (c *counting) History(ctx context.Context, t string, from, to time.Time) ([]quotes.Bar, error) {
	c.historyCalls.Add(1)
	return c.Provider.History(ctx, t, from, to)
}

func TestServiceCachesHistoryAndQuotes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		now := time.Date(2026, 3, 4, 15, 0, 0, 0, quotes.BRT)
		clock := func() time.Time { return now }
		sim, _ := quotes.New("sim", quotes.Options{Seed: 1, Clock: clock})
		p := &counting{Provider: sim}
		svc := quotes.NewService(p, store)
		svc.Clock = clock
		ctx := context.Background()
		year, err := svc.History(ctx, "PETR4", now.AddDate(-1, 0, 0), now)
		if err != nil || len(year) < 200 {
			t.Fatalf("a year of history: %d bars, %v", len(year), err)
		}
		month, _ := svc.History(ctx, "PETR4", now.AddDate(0, -1, 0), now)
		if len(month) == 0 || len(month) > 25 || !month[len(month)-1].Close.Equal(year[len(year)-1].Close) {
			t.Fatalf("a month: %d bars, ends differently from the year", len(month))
		}
		if n := p.historyCalls.Load(); n != 1 {
			t.Fatalf("history fetched %d times in one day, want once", n)
		}
		// A new service on the same database (a restart) still has today's history.
		again := &counting{Provider: sim}
		restartedSvc := quotes.NewService(again, store)
		restartedSvc.Clock = clock
		if _, err := restartedSvc.History(ctx, "PETR4", now.AddDate(0, -1, 0), now); err != nil || again.historyCalls.Load() != 0 {
			t.Fatalf("after a restart: %d fetches, %v", again.historyCalls.Load(), err)
		}

		first, _ := svc.Latest(ctx, []string{"PETR4", "VALE3", "NOPE3"})
		if len(first) != 2 || p.quoteCalls.Load() != 1 {
			t.Fatalf("latest: %d quotes, %d calls", len(first), p.quoteCalls.Load())
		}
		if _, _ = svc.Latest(ctx, []string{"PETR4", "VALE3"}); p.quoteCalls.Load() != 1 {
			t.Fatal("known quotes fetched again instead of served from memory")
		}
		restarted := &counting{Provider: sim}
		got, _ := quotes.NewService(restarted, store).Latest(ctx, []string{"PETR4"})
		if !got["PETR4"].Price.Equal(first["PETR4"].Price) || restarted.quoteCalls.Load() != 0 {
			t.Fatal("a restart does not find the stored quote")
		}
	})
}

// The history is fetched again when the service's clock passes midnight in
// São Paulo, not by the machine's clock (this test runs on a March day).
func TestServiceRefetchesHistoryOnANewDayByItsClock(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		now := time.Date(2026, 3, 4, 23, 58, 0, 0, quotes.BRT)
		clock := func() time.Time { return now }
		sim, _ := quotes.New("sim", quotes.Options{Seed: 1, Clock: clock})
		p := &counting{Provider: sim}
		svc := quotes.NewService(p, store)
		svc.Clock = clock
		ctx := context.Background()
		get := func() {
			t.Helper()
			if _, err := svc.History(ctx, "PETR4", now.AddDate(0, -1, 0), now); err != nil {
				t.Fatal(err)
			}
		}
		get()
		now = now.Add(time.Minute) // 23:59, the same day
		get()
		if n := p.historyCalls.Load(); n != 1 {
			t.Fatalf("%d fetches within one day, want 1", n)
		}
		now = now.Add(2 * time.Minute) // 00:01 of the next day
		get()
		if n := p.historyCalls.Load(); n != 2 {
			t.Fatalf("%d fetches after midnight BRT, want 2 (one a day)", n)
		}
	})
}
