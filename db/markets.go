package db

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Asset is a listed stock (IBOV) or real-estate fund (IFIX).
type Asset struct {
	bun.BaseModel `bun:"table:assets"`
	Ticker        string `bun:"ticker,pk"`
	Name          string `bun:"name,notnull"`
	Sector        string `bun:"sector,notnull"`
	Market        string `bun:"market,notnull"`
	// RetiredAt: the asset left its index (staff, or a composition import);
	// it is kept so that history, wallets and alerts on it still work.
	RetiredAt *time.Time          `bun:"retired_at"`
	Weight    decimal.NullDecimal `bun:"weight"` // % of the index's theoretical portfolio, when imported
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
// and sector; an empty q lists all. See SearchAssets for how q matches.
func (s *Store) Assets(ctx context.Context, market, q string) ([]Asset, error) {
	var all []Asset
	if err := s.DB.NewSelect().Model(&all).Where("market = ?", market).Where("retired_at IS NULL").Order("ticker").Scan(ctx); err != nil {
		return nil, err
	}
	return filterAssets(all, q), nil
}

// SearchAssets lists the assets of every market whose ticker, name or sector
// matches q, by ticker; an empty q matches nothing.
//
// Matching is accent- and case-insensitive ("itau" finds "Itaú") and every
// word of q must appear ("banco brasil" finds "Banco do Brasil"). It is done
// in Go, not SQL: the assets are ~200 static rows, so reading them costs
// nothing, and one folding function gives the same answer on SQLite (whose
// LOWER knows only ASCII and which has no unaccent) and PostgreSQL (whose
// unaccent is an extension we would have to install), with no extra column to
// keep in step.
func (s *Store) SearchAssets(ctx context.Context, q string) ([]Asset, error) {
	if len(Words(q)) == 0 {
		return nil, nil
	}
	var all []Asset
	if err := s.DB.NewSelect().Model(&all).Order("ticker").Scan(ctx); err != nil {
		return nil, err
	}
	return filterAssets(all, q), nil
}

func filterAssets(all []Asset, q string) []Asset {
	words := Words(q)
	if len(words) == 0 {
		if strings.TrimSpace(q) != "" { // nothing searchable in it: "%", NUL, invalid UTF-8
			return []Asset{}
		}
		return all
	}
	out := []Asset{}
	for _, a := range all {
		hay := Fold(a.Ticker + " " + a.Name + " " + a.Sector)
		if allIn(hay, words) {
			out = append(out, a)
		}
	}
	return out
}

func allIn(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// Words splits a search text into folded words, dropping punctuation.
func Words(q string) []string {
	if !searchable(q) {
		return nil
	}
	return strings.FieldsFunc(Fold(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// Fold is s without accents, in lower case: "Itaú" → "itau" (NFD, combining
// marks dropped). A Chain keeps state, so each call makes its own.
func Fold(s string) string {
	fold := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(fold, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
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
