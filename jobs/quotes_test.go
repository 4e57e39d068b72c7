package jobs

import (
	"context"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// A failed save must not cost open pages the new price: memory has already
// moved on, so if that tick published nothing the next tick would see no
// change and viewers would never get it.
func TestQuotesPublishesWhatChangedWhenTheSaveFails(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		now := time.Date(2026, 11, 25, 14, 0, 0, 0, quotes.BRT) // a Wednesday, B3 open
		sim, err := quotes.New("sim", quotes.Options{Seed: 1, Clock: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		svc := quotes.NewService(sim, store)
		var published []quotes.Quote
		job := Quotes(svc, func() []string { return []string{"PETR4"} },
			func(_ context.Context, qs []quotes.Quote) error { published = append(published, qs...); return nil })

		if _, err := store.DB.ExecContext(context.Background(), "DROP TABLE quotes"); err != nil {
			t.Fatal(err)
		}
		if err := job(context.Background()); err == nil {
			t.Fatal("the save failed but the job reported no error")
		}
		if len(published) != 1 || published[0].Ticker != "PETR4" {
			t.Fatalf("after a failed save the job published %v, want PETR4's new quote", published)
		}
	})
}
