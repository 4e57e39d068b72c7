package alerts

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/data"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// BenchmarkEngineCycle100k times one engine cycle over 100,000 due alerts
// on 100 tickers on PostgreSQL: every alert is read, decided and written
// back, and 1 in 100 (or, the worst case, 1 in 2) enters the buy zone and
// gets an outbox row. Target: under 2 s.
//
//	TEST_DATABASE_URL=postgres://… go test -run '^$' -bench EngineCycle100k -benchtime 3x ./app/alerts/
func BenchmarkEngineCycle100k(b *testing.B) {
	b.Run("crossing=1%", func(b *testing.B) { benchCycle(b, 100) })
	b.Run("crossing=50%", func(b *testing.B) { benchCycle(b, 2) })
}

func benchCycle(b *testing.B, every int) {
	store := dbtest.Postgres(b) // skipped without TEST_DATABASE_URL
	ctx := context.Background()
	u := &db.User{Username: "bench", Email: "bench@example.com", PasswordHash: "x"}
	if err := store.CreateUser(ctx, u, time.Now()); err != nil {
		b.Fatal(err)
	}
	if err := store.ConfirmAddress(ctx, u.ID, u.Email, time.Now()); err != nil {
		b.Fatal(err)
	}
	const n, nTickers = 100_000, 100
	fq := &fakeQuotes{prices: map[string]decimal.Decimal{}}
	var tickers []string
	for _, a := range data.Assets()[:nTickers] {
		tickers = append(tickers, a.Ticker)
		fq.prices[a.Ticker] = decimal.NewFromInt(10)
	}
	// Alert i watches tickers[i%100]; buy at 20 for one in `every` (10 is
	// in the zone), at 5 for the others (neutral).
	_, err := store.DB.ExecContext(ctx, `INSERT INTO alerts (user_id, email, ticker, buy_price, sell_price, period_minutes,
		duration_days, lang, created_at, expires_at, next_check_at)
		SELECT ?, 'bench@example.com', (?::text[])[1 + i % ?], CASE WHEN i % ? = 0 THEN 20 ELSE 5 END, 50, 15, 30, 'pt-BR',
		now(), now() + interval '30 days', now() - interval '1 minute'
		FROM generate_series(0, ? - 1) AS i`, u.ID, pgArray(tickers), nTickers, every, n)
	if err != nil {
		b.Fatal(err)
	}
	clk := &clock{t: time.Now()}
	e := &Engine{Store: store, Quotes: fq, Render: func(string, any) (string, error) { return "", nil }, Now: clk.Now,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Batch: 200_000}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// Everything due again and back to no zone, so each cycle does the full work.
		if _, err := store.DB.ExecContext(ctx, `UPDATE alerts SET zone = '', next_check_at = ?`, clk.Now().Add(-time.Minute).UTC()); err != nil {
			b.Fatal(err)
		}
		// The reset left 100k dead rows; autovacuum would have cleaned them in a real run.
		if _, err := store.DB.ExecContext(ctx, `VACUUM ANALYZE alerts`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		res, err := e.Cycle(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if res.Checked != n || res.Notices != n/every || len(fq.calls) != i+1 {
			b.Fatalf("cycle %+v, quote calls %d", res, len(fq.calls))
		}
		b.Logf("cycle over %d due alerts: %v (%d notices)", res.Checked, time.Since(start).Round(time.Millisecond), res.Notices)
	}
}

func pgArray(ss []string) string {
	return "{" + strings.Join(ss, ",") + "}"
}
