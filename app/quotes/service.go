package quotes

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/data"
)

// Service is the app's one way to get quotes: the latest of each ticker is
// kept in memory, persisted in the database (so a restart has prices), and
// fetched from the provider only when neither has it or the job refreshes.
type Service struct {
	Provider Provider
	Store    *db.Store

	mu       sync.RWMutex
	latest   map[string]Quote
	fetching singleflight.Group
}

// NewService wraps a provider.
func NewService(p Provider, store *db.Store) *Service {
	return &Service{Provider: p, Store: store, latest: map[string]Quote{}}
}

// Latest returns what is known of tickers without waiting for the next
// refresh: memory, then the database, then one batched provider call for the
// rest. Unlisted tickers are absent and never asked for.
func (s *Service) Latest(ctx context.Context, tickers []string) (map[string]Quote, error) {
	tickers = listedOnly(tickers)
	out := make(map[string]Quote, len(tickers))
	var missing []string
	s.mu.RLock()
	for _, t := range tickers {
		if q, ok := s.latest[t]; ok {
			out[t] = q
		} else {
			missing = append(missing, t)
		}
	}
	s.mu.RUnlock()
	if len(missing) == 0 {
		return out, nil
	}
	stored, err := s.Store.Quotes(ctx, missing)
	if err != nil {
		return nil, err
	}
	var fetch []string
	for _, t := range missing {
		if q, ok := stored[t]; ok {
			out[t] = FromDB(q)
		} else {
			fetch = append(fetch, t)
		}
	}
	s.remember(out)
	if len(fetch) == 0 {
		return out, nil
	}
	got, _, err := s.Refresh(ctx, fetch)
	for t, q := range got {
		out[t] = q
	}
	return out, err
}

// Refresh asks the provider for the listed ones among tickers in one batched
// call, keeps and stores the answers, and returns them with the ones that
// changed since last time.
func (s *Service) Refresh(ctx context.Context, tickers []string) (map[string]Quote, []Quote, error) {
	if tickers = listedOnly(tickers); len(tickers) == 0 {
		return map[string]Quote{}, nil, nil
	}
	got, err := s.Provider.Quotes(ctx, tickers)
	if err != nil {
		return nil, nil, err
	}
	changed := s.remember(got)
	if len(changed) > 0 {
		rows := make([]db.Quote, len(changed))
		for i, q := range changed {
			rows[i] = ToDB(q)
		}
		if err := s.Store.SaveQuotes(ctx, rows); err != nil {
			return got, changed, err
		}
	}
	return got, changed, nil
}

// Accept keeps quotes another instance fetched (the leader's tick, told
// through the live broker), so this instance's pages show the same prices.
func (s *Service) Accept(qs []Quote) {
	m := make(map[string]Quote, len(qs))
	for _, q := range qs {
		m[q.Ticker] = q
	}
	s.remember(m)
}

// remember keeps qs in memory and returns those that differ from what was
// kept. Only listed tickers are kept, so the map is bounded by the lists
// whatever a provider answers.
func (s *Service) remember(qs map[string]Quote) []Quote {
	var changed []Quote
	s.mu.Lock()
	defer s.mu.Unlock()
	for t, q := range qs {
		if !listed(t) {
			continue
		}
		if old, ok := s.latest[t]; !ok || !same(old, q) {
			changed = append(changed, q)
		}
		s.latest[t] = q
	}
	return changed
}

// listed reports whether t is a listed asset (IBOV or IFIX): the same list
// the database's assets table is seeded from.
func listed(t string) bool {
	_, ok := data.Lookup(t)
	return ok
}

// listedOnly returns the listed tickers among ts.
func listedOnly(ts []string) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		if listed(t) {
			out = append(out, t)
		}
	}
	return out
}

func same(a, b Quote) bool {
	return a.Price.Equal(b.Price) && a.Volume == b.Volume && a.Stale == b.Stale && a.Time.Equal(b.Time) &&
		a.DayLow.Equal(b.DayLow) && a.DayHigh.Equal(b.DayHigh) && a.PrevClose.Equal(b.PrevClose)
}

// FromDB converts a stored quote.
func FromDB(q db.Quote) Quote {
	return Quote{Ticker: q.Ticker, Price: q.Price, PrevClose: q.PrevClose, Open: q.Open, DayLow: q.DayLow,
		DayHigh: q.DayHigh, Low52: q.Low52, High52: q.High52, Volume: q.Volume, MarketCap: q.MarketCap,
		Time: q.At, Stale: q.Stale}
}

// ToDB converts a quote for storing.
func ToDB(q Quote) db.Quote {
	return db.Quote{Ticker: q.Ticker, Price: q.Price, PrevClose: q.PrevClose, Open: q.Open, DayLow: q.DayLow,
		DayHigh: q.DayHigh, Low52: q.Low52, High52: q.High52, Volume: q.Volume, MarketCap: q.MarketCap,
		At: q.Time, Stale: q.Stale}
}

// historyYears is how far back a ticker's history is fetched and kept.
const historyYears = 15

// History returns the daily bars with day in [from, to] from the database,
// refreshing the ticker's stored history from the provider at most once a
// day (concurrent requests for the same ticker share one fetch). When the
// provider fails, the stored history is served as it is.
func (s *Service) History(ctx context.Context, ticker string, from, to time.Time) ([]Bar, error) {
	fetched, err := s.Store.HistoryFetchedAt(ctx, ticker)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	if fetched.IsZero() || !day(fetched).Equal(day(now)) {
		_, err, _ := s.fetching.Do(ticker, func() (any, error) {
			bars, err := s.Provider.History(ctx, ticker, now.AddDate(-historyYears, 0, 0), now)
			if err != nil {
				return nil, err
			}
			rows := make([]db.Bar, len(bars))
			for i, b := range bars {
				rows[i] = db.Bar{Day: b.Day, Open: b.Open, High: b.High, Low: b.Low, Close: b.Close, Volume: b.Volume}
			}
			return nil, s.Store.SaveHistory(ctx, ticker, rows, now)
		})
		if err != nil && fetched.IsZero() {
			return nil, err
		}
	}
	rows, err := s.Store.History(ctx, ticker, from, to)
	if err != nil {
		return nil, err
	}
	bars := make([]Bar, len(rows))
	for i, r := range rows {
		bars[i] = Bar{Day: r.Day.In(BRT), Open: r.Open, High: r.High, Low: r.Low, Close: r.Close, Volume: r.Volume}
	}
	return bars, nil
}
