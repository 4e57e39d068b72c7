package server_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// historyCounter counts the provider's history fetches.
type historyCounter struct {
	quotes.Provider
	n atomic.Int32
}

func (h *historyCounter) History(ctx context.Context, t string, from, to time.Time) ([]quotes.Bar, error) {
	h.n.Add(1)
	return h.Provider.History(ctx, t, from, to)
}

// The quote service reads the app's clock (Env.Now): its day, not the
// machine's, decides when a ticker's history is fetched again.
func TestQuoteServiceFollowsTheAppClock(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		at := time.Date(2031, 5, 6, 23, 59, 0, 0, quotes.BRT)
		clock := func() time.Time { return at }
		sim, err := quotes.New("sim", quotes.Options{Seed: 1, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		p := &historyCounter{Provider: sim}
		srv := apptest.New(t, store, nil, server.WithProvider(p))
		srv.Env.Now = clock
		ctx := context.Background()
		for _, step := range []struct {
			advance time.Duration
			want    int32
		}{{0, 1}, {30 * time.Second, 1}, {time.Minute, 2}} { // the last one is past midnight in São Paulo
			at = at.Add(step.advance)
			if _, err := srv.Quotes.History(ctx, "PETR4", at.AddDate(0, -1, 0), at); err != nil {
				t.Fatal(err)
			}
			if got := p.n.Load(); got != step.want {
				t.Fatalf("at %s: %d history fetches, want %d", at, got, step.want)
			}
		}
	})
}
