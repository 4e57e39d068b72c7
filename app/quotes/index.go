package quotes

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/db/data"
)

// IndexKey is the key the IBOVESPA's daily points are kept under in
// price_history. It is not a B3 code (data.IsTicker refuses it), so no form,
// quote or stream can ever ask for it as a stock.
const IndexKey = "IBOV"

// IndexProvider is a provider that knows the IBOVESPA's daily history:
// Yahoo and brapi as ^BVSP, the simulator as a computed index.
type IndexProvider interface {
	IndexHistory(ctx context.Context, from, to time.Time) ([]Bar, error)
}

// ErrNoIndex is returned when the provider has no index history.
var ErrNoIndex = errors.New("quotes: the provider has no index history")

// IndexHistory returns the IBOVESPA's daily bars with day in [from, to],
// cached in price_history under IndexKey and refreshed at most once a day,
// as History does for a ticker.
func (s *Service) IndexHistory(ctx context.Context, from, to time.Time) ([]Bar, error) {
	ip, ok := As[IndexProvider](s.Provider)
	if !ok {
		return nil, ErrNoIndex
	}
	return s.history(ctx, IndexKey, from, to, func(from, to time.Time) ([]Bar, error) {
		return ip.IndexHistory(ctx, from, to)
	})
}

// indexFetcher is a remote upstream that serves the index.
type indexFetcher interface {
	fetchIndexHistory(ctx context.Context, from, to time.Time) ([]Bar, error)
}

func (r *remote) IndexHistory(ctx context.Context, from, to time.Time) ([]Bar, error) {
	f, ok := r.f.(indexFetcher)
	if !ok {
		return nil, ErrNoIndex
	}
	bars, err := f.fetchIndexHistory(ctx, from, to)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.name, err)
	}
	return clip(bars, from, to), nil
}

// simIndexBase is where the simulated index stands on the sim's first day.
var simIndexBase = decimal.NewFromInt(120_000)

// IndexHistory of the simulator is a simulation, not the IBOVESPA: a
// market-cap weighted index of the sim's IBOV constituents, Σ shares × close
// over a divisor fixed so that the first simulated day is 120.000 points.
// Like everything the sim gives, it is a pure function of seed and clock.
// The open, high and low are the day's close (only closes are drawn).
func (s *sim) IndexHistory(ctx context.Context, from, to time.Time) ([]Bar, error) {
	var base decimal.Decimal
	sum := map[time.Time]decimal.Decimal{}
	var days []time.Time
	for _, a := range data.Assets() {
		if a.Market != data.IBOV {
			continue
		}
		first, err := s.History(ctx, a.Ticker, simStart, simStart)
		if errors.Is(err, ErrNotFound) || err == nil && len(first) == 0 {
			continue // no reference price to simulate from
		}
		if err != nil {
			return nil, err
		}
		bars, err := s.History(ctx, a.Ticker, from, to)
		if err != nil {
			return nil, err
		}
		shares := decimal.NewFromInt(a.Shares)
		base = base.Add(shares.Mul(first[0].Close))
		for _, b := range bars {
			if _, ok := sum[b.Day]; !ok {
				days = append(days, b.Day)
			}
			sum[b.Day] = sum[b.Day].Add(shares.Mul(b.Close))
		}
	}
	if !base.IsPositive() {
		return nil, nil
	}
	out := make([]Bar, len(days))
	for i, d := range days { // every constituent shares the sim's calendar: days are in order
		p := sum[d].Mul(simIndexBase).DivRound(base, 2)
		out[i] = Bar{Day: d, Open: p, High: p, Low: p, Close: p}
	}
	return out, nil
}
