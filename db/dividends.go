package db

import (
	"context"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
)

// Dividend is a payment per share of a ticker ("provento"): dividend, JCP
// or a fund's income. Holders at the close of ExDate are paid on PayDate
// (both YYYY-MM-DD).
type Dividend struct {
	bun.BaseModel `bun:"table:dividends,alias:dv"`
	ID            int64           `bun:"id,pk,autoincrement"`
	Ticker        string          `bun:"ticker,notnull"`
	Kind          string          `bun:"kind,notnull"`
	ExDate        string          `bun:"ex_date,notnull"`
	PayDate       string          `bun:"pay_date,notnull"`
	PerShare      decimal.Decimal `bun:"per_share,notnull"`
}

// SaveDividends keeps ds; a payment already kept (same ticker, kind and
// ex-date) is updated, so providers may correct an amount or a date.
func (s *Store) SaveDividends(ctx context.Context, ds []Dividend) error {
	if len(ds) == 0 {
		return nil
	}
	_, err := s.DB.NewInsert().Model(&ds).
		On("CONFLICT (ticker, kind, ex_date) DO UPDATE").
		Set("pay_date = EXCLUDED.pay_date").Set("per_share = EXCLUDED.per_share").Exec(ctx)
	return err
}

// Dividends lists the payments of tickers with an ex-date from from to to
// (inclusive, YYYY-MM-DD), by ex-date.
func (s *Store) Dividends(ctx context.Context, tickers []string, from, to string) ([]Dividend, error) {
	var out []Dividend
	if len(tickers) == 0 {
		return out, nil
	}
	err := s.DB.NewSelect().Model(&out).Where("ticker IN (?)", bun.List(tickers)).
		Where("ex_date >= ? AND ex_date <= ?", from, to).Order("ex_date", "ticker", "kind").Scan(ctx)
	return out, err
}
