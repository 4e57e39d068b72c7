package quotes_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

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
		svc.Now = clock
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
		restartedSvc.Now = clock
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
		// After a restart the stored quote is served when the provider has nothing.
		restarted := &counting{Provider: &scripted{fail: errors.New("down")}}
		got, _ := quotes.NewService(restarted, store).Latest(ctx, []string{"PETR4"})
		if !got["PETR4"].Price.Equal(first["PETR4"].Price) {
			t.Fatal("a restart does not find the stored quote")
		}
	})
}

// scripted answers every ticker with the price it is set to, timed at the
// exchange time it is set to, and can hold its answer until released.
type scripted struct {
	mu       sync.Mutex
	price    string
	at       time.Time
	calls    int
	fail     error
	released chan struct{} // nil: answer at once
}

func (p *scripted) Name() string { return "scripted" }

func (p *scripted) Quotes(ctx context.Context, tickers []string) (map[string]quotes.Quote, error) {
	p.mu.Lock()
	p.calls++
	rel, price, at, fail := p.released, p.price, p.at, p.fail
	p.mu.Unlock()
	if rel != nil {
		<-rel
	}
	if fail != nil {
		return nil, fail
	}
	out := map[string]quotes.Quote{}
	for _, t := range tickers {
		out[t] = quotes.Quote{Ticker: t, Price: decimal.RequireFromString(price), Time: at}
	}
	return out, nil
}

func (p *scripted) History(context.Context, string, time.Time, time.Time) ([]quotes.Bar, error) {
	return nil, nil
}

func (p *scripted) set(price string, at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.price, p.at = price, at
}

func (p *scripted) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls
}

// A price kept in memory or the database is fetched again once it was
// fetched more than one quote interval ago, after a restart too; a Friday
// price on a Tuesday is marked old.
func TestLatestRefetchesKeptQuotesOlderThanTheInterval(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		ctx := context.Background()
		friday := time.Date(2026, 11, 20, 17, 0, 0, 0, quotes.BRT)
		now := friday.Add(time.Minute)
		clock := func() time.Time { return now }
		p := &scripted{}
		p.set("30.00", friday)
		svc := quotes.NewService(p, store)
		svc.Now, svc.MaxAge = clock, 10*time.Second

		got, err := svc.Latest(ctx, []string{"PETR4"})
		if err != nil || !got["PETR4"].Price.Equal(decimal.RequireFromString("30")) || got["PETR4"].Old {
			t.Fatalf("first look: %+v, %v", got["PETR4"], err)
		}
		now = now.Add(9 * time.Second)
		svc.Latest(ctx, []string{"PETR4"})
		if p.count() != 1 {
			t.Fatalf("within the interval: %d provider calls, want 1", p.count())
		}

		// Tuesday, after a restart: the stored Friday price is not served as current.
		now = time.Date(2026, 11, 24, 11, 0, 0, 0, quotes.BRT)
		tuesday := now.Add(-time.Minute)
		p.set("31.50", tuesday)
		restarted := quotes.NewService(p, store)
		restarted.Now, restarted.MaxAge = clock, 10*time.Second
		got, err = restarted.Latest(ctx, []string{"PETR4"})
		if err != nil || !got["PETR4"].Price.Equal(decimal.RequireFromString("31.5")) || !got["PETR4"].Time.Equal(tuesday) {
			t.Fatalf("after a restart on Tuesday: %+v, %v; want Tuesday's 31.50", got["PETR4"], err)
		}

		// The same process, 11 s later: fetched again.
		now = now.Add(11 * time.Second)
		p.set("31.60", now)
		got, _ = restarted.Latest(ctx, []string{"PETR4"})
		if !got["PETR4"].Price.Equal(decimal.RequireFromString("31.6")) {
			t.Fatalf("kept quote older than the interval served: %s", got["PETR4"].Price)
		}

		// The provider fails: the kept price is served, and a Friday one is marked old.
		p.set("32.00", friday)
		now = now.Add(time.Minute)
		restarted.Latest(ctx, []string{"PETR4"}) // fetches Friday's price
		p.mu.Lock()
		p.fail = errors.New("down")
		p.mu.Unlock()
		now = now.Add(time.Minute)
		got, err = restarted.Latest(ctx, []string{"PETR4"})
		if err == nil || !got["PETR4"].Price.Equal(decimal.RequireFromString("32")) || !got["PETR4"].Old {
			t.Fatalf("provider down: %+v, %v; want the kept price, marked old, and the error", got["PETR4"], err)
		}
	})
}

// Concurrent pages asking for the same set share one provider call.
func TestLatestSharesOneFetchBetweenConcurrentRequests(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		now := time.Date(2026, 11, 25, 14, 0, 0, 0, quotes.BRT)
		p := &scripted{released: make(chan struct{})}
		p.set("30.00", now)
		svc := quotes.NewService(p, store)
		svc.Now = func() time.Time { return now }
		var waiting atomic.Int32
		quotes.SetOnWait(svc, func() { waiting.Add(1) })

		const n = 5
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, err := svc.Latest(context.Background(), []string{"VALE3", "PETR4"})
				if err == nil && len(got) != 2 {
					err = fmt.Errorf("%d quotes", len(got))
				}
				errs <- err
			}()
		}
		deadline := time.Now().Add(10 * time.Second)
		for waiting.Load() < n {
			if time.Now().After(deadline) {
				t.Fatalf("only %d of %d requests waiting", waiting.Load(), n)
			}
			runtime.Gosched()
		}
		close(p.released)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if c := p.count(); c != 1 {
			t.Fatalf("%d concurrent requests made %d provider calls, want 1", n, c)
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
		svc.Now = clock
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
