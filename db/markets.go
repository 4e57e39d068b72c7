package db

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
)

// Asset is a listed stock (IBOV) or real-estate fund (IFIX).
type Asset struct {
	bun.BaseModel `bun:"table:assets"`
	Ticker        string `bun:"ticker,pk"`
	Name          string `bun:"name,notnull"`
	Sector        string `bun:"sector,notnull"`
	Market        string `bun:"market,notnull"`
}

// Quote is the latest stored quote of a ticker.
type Quote struct {
	bun.BaseModel `bun:"table:quotes"`
	Ticker        string          `bun:"ticker,pk"`
	Price         decimal.Decimal `bun:"price,notnull"`
	PrevClose     decimal.Decimal `bun:"prev_close,notnull"`
	Open          decimal.Decimal `bun:"open,notnull"`
	DayLow        decimal.Decimal `bun:"day_low,notnull"`
	DayHigh       decimal.Decimal `bun:"day_high,notnull"`
	Low52         decimal.Decimal `bun:"low52,notnull"`
	High52        decimal.Decimal `bun:"high52,notnull"`
	Volume        int64           `bun:"volume,notnull"`
	MarketCap     decimal.Decimal `bun:"market_cap,notnull"`
	At            time.Time       `bun:"at,notnull"`
	Stale         bool            `bun:"stale,notnull"`
}

// Markets are the market codes, in the order pages list them.
var Markets = []string{"IBOV", "IFIX"}

// Assets lists a market's assets by ticker, filtered by q over ticker, name
// and sector (case-insensitive); an empty q lists all.
func (s *Store) Assets(ctx context.Context, market, q string) ([]Asset, error) {
	var out []Asset
	sel := s.DB.NewSelect().Model(&out).Where("market = ?", market).Order("ticker")
	if q = strings.TrimSpace(q); !searchable(q) {
		sel.Where(noMatch)
	} else if q != "" {
		like := "%" + escapeLike(strings.ToLower(q)) + "%"
		sel.WhereGroup(" AND ", func(w *bun.SelectQuery) *bun.SelectQuery {
			return w.Where("LOWER(ticker) LIKE ? ESCAPE '\\'", like).
				WhereOr("LOWER(name) LIKE ? ESCAPE '\\'", like).
				WhereOr("LOWER(sector) LIKE ? ESCAPE '\\'", like)
		})
	}
	return out, sel.Scan(ctx)
}

// AssetsByTicker returns the known assets among tickers, keyed by ticker.
func (s *Store) AssetsByTicker(ctx context.Context, tickers []string) (map[string]Asset, error) {
	out := map[string]Asset{}
	if len(tickers) == 0 {
		return out, nil
	}
	var rows []Asset
	if err := s.DB.NewSelect().Model(&rows).Where("ticker IN (?)", bun.List(tickers)).Scan(ctx); err != nil {
		return nil, err
	}
	for _, a := range rows {
		out[a.Ticker] = a
	}
	return out, nil
}

// Tickers lists every listed ticker (IBOV and IFIX), sorted.
func (s *Store) Tickers(ctx context.Context) ([]string, error) {
	var out []string
	err := s.DB.NewSelect().Model((*Asset)(nil)).Column("ticker").Order("ticker").Scan(ctx, &out)
	return out, err
}

// SaveQuotes stores the latest quotes, replacing older ones, in one statement.
func (s *Store) SaveQuotes(ctx context.Context, qs []Quote) error {
	if len(qs) == 0 {
		return nil
	}
	for i := range qs {
		qs[i].At = qs[i].At.UTC()
	}
	_, err := s.DB.NewInsert().Model(&qs).
		On("CONFLICT (ticker) DO UPDATE").
		Set("price = EXCLUDED.price, prev_close = EXCLUDED.prev_close, open = EXCLUDED.open").
		Set("day_low = EXCLUDED.day_low, day_high = EXCLUDED.day_high, low52 = EXCLUDED.low52, high52 = EXCLUDED.high52").
		Set("volume = EXCLUDED.volume, market_cap = EXCLUDED.market_cap, at = EXCLUDED.at, stale = EXCLUDED.stale").
		Exec(ctx)
	return err
}

// Quotes returns the stored quotes of tickers, keyed by ticker.
func (s *Store) Quotes(ctx context.Context, tickers []string) (map[string]Quote, error) {
	out := map[string]Quote{}
	if len(tickers) == 0 {
		return out, nil
	}
	var rows []Quote
	if err := s.DB.NewSelect().Model(&rows).Where("ticker IN (?)", bun.List(tickers)).Scan(ctx); err != nil {
		return nil, err
	}
	for _, q := range rows {
		out[q.Ticker] = q
	}
	return out, nil
}

// searchable tells whether a search text can be sent to the database at all:
// PostgreSQL refuses NUL bytes and invalid UTF-8 in text (SQLite may store
// them), and forms never store them, so such a search matches nothing.
func searchable(q string) bool { return utf8.ValidString(q) && !strings.ContainsRune(q, 0) }

// noMatch is the condition of a search that cannot match.
const noMatch = "1 = 0"

// escapeLike makes a user's text match literally inside LIKE.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
