package db

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
)

// Bar is one stored trading day of a ticker.
type Bar struct {
	bun.BaseModel `bun:"table:price_history"`
	Ticker        string          `bun:"ticker,pk"`
	Day           time.Time       `bun:"day,pk"`
	Open          decimal.Decimal `bun:"open,notnull"`
	High          decimal.Decimal `bun:"high,notnull"`
	Low           decimal.Decimal `bun:"low,notnull"`
	Close         decimal.Decimal `bun:"close,notnull"`
	Volume        int64           `bun:"volume,notnull"`
}

type historyFetch struct {
	bun.BaseModel `bun:"table:history_fetches"`
	Ticker        string    `bun:"ticker,pk"`
	FetchedAt     time.Time `bun:"fetched_at,notnull"`
}

// HistoryFetchedAt says when a ticker's history was last fetched (zero: never).
func (s *Store) HistoryFetchedAt(ctx context.Context, ticker string) (time.Time, error) {
	f := new(historyFetch)
	err := s.DB.NewSelect().Model(f).Where("ticker = ?", ticker).Scan(ctx)
	if err = notFound(err); err == ErrNotFound {
		return time.Time{}, nil
	}
	return f.FetchedAt, err
}

// SaveHistory stores bars (replacing the same days) and the fetch time, in
// one transaction, in chunks that stay under SQLite's variable limit.
func (s *Store) SaveHistory(ctx context.Context, ticker string, bars []Bar, fetchedAt time.Time) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for start := 0; start < len(bars); start += 500 {
			chunk := bars[start:min(start+500, len(bars))]
			for i := range chunk {
				chunk[i].Ticker, chunk[i].Day = ticker, chunk[i].Day.UTC()
			}
			_, err := tx.NewInsert().Model(&chunk).
				On("CONFLICT (ticker, day) DO UPDATE").
				Set("open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume").
				Exec(ctx)
			if err != nil {
				return err
			}
		}
		_, err := tx.NewInsert().Model(&historyFetch{Ticker: ticker, FetchedAt: fetchedAt.UTC()}).
			On("CONFLICT (ticker) DO UPDATE").Set("fetched_at = EXCLUDED.fetched_at").Exec(ctx)
		return err
	})
}

// History returns a ticker's stored bars with day in [from, to], oldest first.
func (s *Store) History(ctx context.Context, ticker string, from, to time.Time) ([]Bar, error) {
	var bars []Bar
	err := s.DB.NewSelect().Model(&bars).Where("ticker = ?", ticker).
		Where("day >= ?", from.UTC()).Where("day <= ?", to.UTC()).Order("day ASC").Scan(ctx)
	return bars, err
}
