package forum_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// BenchmarkRoomPage renders pages of a room holding 100k messages, the
// whole request through the app, and reports the median and 95th
// percentile. "newest" reads the first page again and again, as a room's
// visitors do (its rows come from the row cache after the first time);
// "older" walks back through the room by the "Older messages" link, so
// every page is a keyset query deep in the room and every row is rendered
// afresh. PostgreSQL runs when TEST_DATABASE_URL is set.
func BenchmarkRoomPage(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		benchRoomPage(b, dbtest.SQLite(b))
	})
	b.Run("postgres", func(b *testing.B) { benchRoomPage(b, dbtest.Postgres(b)) }) // skipped without TEST_DATABASE_URL
}

func benchRoomPage(b *testing.B, store *db.Store) {
	srv := apptest.New(b, store, nil)
	c := apptest.NewClient(b, srv)
	c.Header.Set("Accept-Language", "en")
	c.Register("bench")
	u, err := store.UserByUsername(context.Background(), "bench")
	if err != nil {
		b.Fatal(err)
	}
	r := c.Post("/create-room/", url.Values{"topic": {"Bench"}, "name": {"Busy room"}})
	roomPath := r.Header.Get("Location")
	m := roomURL.FindStringSubmatch(roomPath)
	if m == nil {
		b.Fatalf("create room: %d", r.StatusCode)
	}
	if err := store.SeedMessages(context.Background(), mustInt(m[1]), u.ID, 100_000, time.Now()); err != nil {
		b.Fatal(err)
	}
	c.Post(roomPath, url.Values{"body": {"the newest, with $PETR4 and https://example.com"}})

	measure := func(b *testing.B, next func(body string) string) {
		var took []time.Duration
		page := roomPath
		for b.Loop() {
			start := time.Now()
			r := c.Get(page)
			took = append(took, time.Since(start))
			if n := strings.Count(r.Body, `<li class="message"`); r.StatusCode != http.StatusOK || n != 50 {
				b.Fatalf("%s: %d, %d messages", page, r.StatusCode, n)
			}
			page = next(r.Body)
		}
		slices.Sort(took)
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
		b.ReportMetric(ms(took[len(took)*95/100]), "p95-ms")
	}
	b.Run("newest", func(b *testing.B) { measure(b, func(string) string { return roomPath }) })
	b.Run("older", func(b *testing.B) {
		measure(b, func(body string) string {
			if m := moreLink.FindStringSubmatch(body); m != nil {
				return strings.ReplaceAll(m[1], "&amp;", "&")
			}
			return roomPath
		})
	})
}

func mustInt(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}
