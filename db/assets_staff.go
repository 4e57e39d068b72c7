package db

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
)

// AllAssets lists a market's assets, retired ones too, by ticker (staff).
func (s *Store) AllAssets(ctx context.Context, market string) ([]Asset, error) {
	var out []Asset
	err := s.DB.NewSelect().Model(&out).Where("market = ?", market).OrderExpr("retired_at IS NOT NULL, ticker").Scan(ctx)
	return out, err
}

// AddAsset lists a new asset, audited; ErrTaken when the ticker exists.
func (s *Store) AddAsset(ctx context.Context, who Actor, a *Asset, now time.Time) error {
	return s.Audited(ctx, who, "asset.add", "asset:"+a.Ticker, now, func(tx bun.Tx) (any, any, error) {
		_, err := tx.NewInsert().Model(a).Exec(ctx)
		if isUniqueViolation(err) {
			return nil, nil, ErrTaken
		}
		return nil, a, err
	})
}

// UpdateAsset renames an asset and sets its index (market), audited.
func (s *Store) UpdateAsset(ctx context.Context, who Actor, ticker, name, market string, now time.Time) error {
	return s.Audited(ctx, who, "asset.update", "asset:"+ticker, now, func(tx bun.Tx) (any, any, error) {
		a := new(Asset)
		if err := tx.NewSelect().Model(a).Where("ticker = ?", ticker).Scan(ctx); err != nil {
			return nil, nil, notFound(err)
		}
		before := *a
		a.Name, a.Market = name, market
		_, err := tx.NewUpdate().Model(a).Column("name", "market").WherePK().Exec(ctx)
		return before, a, err
	})
}

// RetireAsset takes an asset out of its index (or back in), audited. The
// row stays: quotes, history, wallets and alerts on it keep working.
func (s *Store) RetireAsset(ctx context.Context, who Actor, ticker string, retire bool, now time.Time) error {
	action := "asset.restore"
	var at *time.Time
	if retire {
		action = "asset.retire"
		t := stamp(now)
		at = &t
	}
	return s.Audited(ctx, who, action, "asset:"+ticker, now, func(tx bun.Tx) (any, any, error) {
		a := new(Asset)
		if err := tx.NewSelect().Model(a).Where("ticker = ?", ticker).Scan(ctx); err != nil {
			return nil, nil, notFound(err)
		}
		q := tx.NewUpdate().Model((*Asset)(nil)).Set("retired_at = ?", at).Where("ticker = ?", ticker)
		if retire {
			q = q.Set("weight = NULL")
		}
		_, err := q.Exec(ctx)
		return map[string]bool{"retired": a.RetiredAt != nil}, map[string]bool{"retired": retire}, err
	})
}

// Component is one line of an index's theoretical portfolio.
type Component struct {
	Ticker, Name string
	Weight       decimal.Decimal // %
}

// CompositionChange is what importing a composition would do to a market.
type CompositionChange struct {
	Added   []Component // new assets, or retired ones coming back
	Removed []Asset     // members not in the composition: retired
	Changed []WeightChange
}

// WeightChange is a member whose weight (or name) changes.
type WeightChange struct {
	Ticker   string
	From, To decimal.NullDecimal
}

// Any tells whether the import would change anything.
func (c CompositionChange) Any() bool { return len(c.Added)+len(c.Removed)+len(c.Changed) > 0 }

// PreviewComposition compares a composition with the market's assets.
func (s *Store) PreviewComposition(ctx context.Context, market string, comps []Component) (CompositionChange, error) {
	return previewComposition(ctx, s.DB, market, comps)
}

func previewComposition(ctx context.Context, idb bun.IDB, market string, comps []Component) (CompositionChange, error) {
	var ch CompositionChange
	var all []Asset
	if err := idb.NewSelect().Model(&all).Scan(ctx); err != nil {
		return ch, err
	}
	byTicker := map[string]Asset{}
	for _, a := range all {
		byTicker[a.Ticker] = a
	}
	in := map[string]bool{}
	for _, c := range comps {
		in[c.Ticker] = true
		a, ok := byTicker[c.Ticker]
		switch {
		case !ok || a.RetiredAt != nil || a.Market != market:
			ch.Added = append(ch.Added, c)
		case !a.Weight.Valid || !a.Weight.Decimal.Equal(c.Weight):
			ch.Changed = append(ch.Changed, WeightChange{Ticker: c.Ticker, From: a.Weight,
				To: decimal.NewNullDecimal(c.Weight)})
		}
	}
	for _, a := range all {
		if a.Market == market && a.RetiredAt == nil && !in[a.Ticker] {
			ch.Removed = append(ch.Removed, a)
		}
	}
	return ch, nil
}

// ApplyComposition makes the market's members exactly comps, with their
// weights: new tickers are listed, members that left are retired (kept).
// Audited, with the changes as the "after".
func (s *Store) ApplyComposition(ctx context.Context, who Actor, market string, comps []Component, now time.Time) (CompositionChange, error) {
	var ch CompositionChange
	err := s.Audited(ctx, who, "index.import", "market:"+market, now, func(tx bun.Tx) (any, any, error) {
		var err error
		if ch, err = previewComposition(ctx, tx, market, comps); err != nil {
			return nil, nil, err
		}
		for _, c := range comps {
			a := &Asset{Ticker: c.Ticker, Name: c.Name, Market: market, Weight: decimal.NewNullDecimal(c.Weight)}
			if _, err := tx.NewInsert().Model(a).On("CONFLICT (ticker) DO UPDATE").
				Set("market = EXCLUDED.market, weight = EXCLUDED.weight, retired_at = NULL").Exec(ctx); err != nil {
				return nil, nil, err
			}
		}
		for _, a := range ch.Removed {
			if _, err := tx.NewUpdate().Model((*Asset)(nil)).Set("retired_at = ?", stamp(now)).Set("weight = NULL").
				Where("ticker = ?", a.Ticker).Exec(ctx); err != nil {
				return nil, nil, err
			}
		}
		return nil, ch, nil
	})
	return ch, err
}
