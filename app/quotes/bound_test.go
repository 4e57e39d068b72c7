package quotes

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// echo answers a quote for every ticker it is asked, listed or not, as a
// lenient upstream would, and counts the tickers asked.
type echo struct{ asked atomic.Int32 }

func (e *echo) quotes(tickers []string) map[string]Quote {
	e.asked.Add(int32(len(tickers)))
	out := map[string]Quote{}
	for _, t := range tickers {
		out[t] = Quote{Ticker: t, Price: dec("10"), Time: time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC)}
	}
	return out
}

func (e *echo) Name() string { return "echo" }
func (e *echo) Quotes(_ context.Context, tickers []string) (map[string]Quote, error) {
	return e.quotes(tickers), nil
}
func (e *echo) History(context.Context, string, time.Time, time.Time) ([]Bar, error) { return nil, nil }
func (e *echo) fetchQuotes(_ context.Context, tickers []string) (map[string]Quote, error) {
	return e.quotes(tickers), nil
}
func (e *echo) fetchHistory(context.Context, string, time.Time, time.Time) ([]Bar, error) {
	return nil, nil
}

// Unlisted tickers never reach the provider through the service, and
// neither the service's memory nor a remote provider's grows with them.
func TestUnlistedTickersNeitherFetchedNorKept(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		ctx := context.Background()
		p := &echo{}
		svc := NewService(p, store)
		got, err := svc.Latest(ctx, []string{"ZZZZ3", "ZZZZ4"})
		if err != nil || len(got) != 0 || p.asked.Load() != 0 {
			t.Fatalf("unlisted: %d quotes, %v, provider asked for %d tickers", len(got), err, p.asked.Load())
		}
		if _, _, err := svc.Refresh(ctx, []string{"ZZZZ3", "PETR4"}); err != nil || p.asked.Load() != 1 {
			t.Fatalf("refresh asked the provider for %d tickers (%v), want only PETR4", p.asked.Load(), err)
		}
		svc.remember(p.quotes([]string{"ZZZZ5", "VALE3"}), time.Now())
		svc.mu.RLock()
		n := len(svc.latest)
		svc.mu.RUnlock()
		if n != 2 {
			t.Fatalf("service keeps %d quotes, want 2 (PETR4, VALE3)", n)
		}
	})
	r := &remote{name: "echo", batch: 10, f: &echo{}, last: map[string]Quote{}}
	if _, err := r.Quotes(context.Background(), []string{"ZZZZ3", "ZZZZ4", "PETR4"}); err != nil {
		t.Fatal(err)
	}
	if len(r.last) != 1 {
		t.Fatalf("remote keeps %d last quotes, want 1 (PETR4)", len(r.last))
	}
}
