package quotes

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/sync/singleflight"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/data"
)

// Service is the app's one way to get quotes: the latest of each ticker is
// kept in memory, persisted in the database (so a restart has prices), and
// fetched from the provider when neither has it, when what is kept was
// fetched more than MaxAge ago, or when the job refreshes.
//
// Two times matter and are kept apart: Quote.Time is the exchange's time of
// the price (legitimately old at night and on weekends), fetched is when we
// last asked the provider (old means we may be missing a newer price).
type Service struct {
	Provider Provider
	Store    *db.Store
	// Now is the clock (the app's web.Env.Now); time.Now when nil.
	Now func() time.Time
	// MaxAge is how long a fetched quote is served without asking again: the
	// quote interval. DefaultMaxAge when zero.
	MaxAge time.Duration

	mu         sync.RWMutex
	latest     map[string]Quote
	fetched    map[string]time.Time // when each kept quote was fetched (at least its exchange time)
	fetching   singleflight.Group   // history, by ticker
	refreshing singleflight.Group   // quotes, by the sorted ticker set
	onWait     func()               // test hook: a Latest caller is waiting for a shared fetch
}

// DefaultMaxAge is the default quote interval.
const DefaultMaxAge = 10 * time.Second

// NewService wraps a provider.
func NewService(p Provider, store *db.Store) *Service {
	return &Service{Provider: p, Store: store, latest: map[string]Quote{}, fetched: map[string]time.Time{}}
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

func (s *Service) maxAge() time.Duration {
	if s.MaxAge <= 0 {
		return DefaultMaxAge
	}
	return s.MaxAge
}

// Latest returns the latest quotes of tickers: what is kept in memory or the
// database, fetched again in one batched provider call (shared with
// concurrent callers asking for the same set) when it was fetched more than
// MaxAge ago or never. When the provider fails, what is kept is served as it
// is, with the error. Unlisted tickers are absent and never asked for.
func (s *Service) Latest(ctx context.Context, tickers []string) (map[string]Quote, error) {
	tickers = listedOnly(tickers)
	now := s.now()
	out := make(map[string]Quote, len(tickers))
	var missing, due []string
	s.mu.RLock()
	for _, t := range tickers {
		q, ok := s.latest[t]
		if !ok {
			missing = append(missing, t)
			continue
		}
		out[t] = q
		if f := s.fetched[t]; f.IsZero() || now.Sub(f) >= s.maxAge() {
			due = append(due, t)
		}
	}
	s.mu.RUnlock()
	if len(missing) > 0 {
		stored, err := s.Store.Quotes(ctx, missing)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		for _, t := range missing {
			r, ok := stored[t]
			if !ok {
				due = append(due, t)
				continue
			}
			q := FromDB(r)
			out[t], s.latest[t] = q, q
			// When it was fetched is not stored, but it was not before its
			// exchange time: a price from longer ago than MaxAge is asked again.
			s.fetched[t] = q.Time
			if now.Sub(q.Time) >= s.maxAge() {
				due = append(due, t)
			}
		}
		s.mu.Unlock()
	}
	var err error
	if len(due) > 0 {
		var got map[string]Quote
		got, err = s.shared(ctx, due)
		for t, q := range got {
			out[t] = q
		}
	}
	open, _ := s.Session(now)
	for t, q := range out {
		out[t] = mark(q, now, !open)
	}
	return out, err
}

// shared runs one Refresh per distinct ticker set at a time; concurrent
// callers with the same set wait for it. The fetch does not end with the
// first caller's request: the others still want its answer.
func (s *Service) shared(ctx context.Context, tickers []string) (map[string]Quote, error) {
	set := slices.Clone(tickers)
	slices.Sort(set)
	set = slices.Compact(set)
	ch := s.refreshing.DoChan(strings.Join(set, ","), func() (any, error) {
		got, _, err := s.Refresh(context.WithoutCancel(ctx), set)
		return got, err
	})
	if s.onWait != nil {
		s.onWait()
	}
	select {
	case r := <-ch:
		got, _ := r.Val.(map[string]Quote)
		return got, r.Err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
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
	now := s.now()
	changed := s.remember(got, now)
	open, _ := s.Session(now)
	for t, q := range got {
		got[t] = mark(q, now, !open)
	}
	for i, q := range changed {
		changed[i] = mark(q, now, !open)
	}
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
	s.remember(m, s.now())
}

// remember keeps qs in memory and returns those that differ from what was
// kept. Only listed tickers are kept, so the map is bounded by the lists
// whatever a provider answers. A quote the provider answered from its own
// stale copy was not fetched now, so its fetch time stays as it was.
func (s *Service) remember(qs map[string]Quote, fetchedAt time.Time) []Quote {
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
		if !q.Stale {
			s.fetched[t] = fetchedAt
		}
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

// mark sets Old when the price is from an earlier day than now (BRT), and
// Closed when the market is: pages then show the price's date, not just a
// time of day that reads as today's.
func mark(q Quote, now time.Time, closed bool) Quote {
	q.Old = !q.Time.IsZero() && day(q.Time).Before(day(now))
	q.Closed = closed
	return q
}

func same(a, b Quote) bool {
	return a.Price.Equal(b.Price) && a.Volume == b.Volume && a.Stale == b.Stale && a.Time.Equal(b.Time) &&
		sameFigure(a.DayLow, b.DayLow) && sameFigure(a.DayHigh, b.DayHigh) && sameFigure(a.PrevClose, b.PrevClose)
}

// FromDB converts a stored quote. The columns are NOT NULL and a figure is
// never zero (providers keep only positive ones), so a stored 0 means missing.
func FromDB(q db.Quote) Quote {
	return Quote{Ticker: q.Ticker, Price: q.Price, PrevClose: figure(decimal.NewNullDecimal(q.PrevClose)),
		Open: figure(decimal.NewNullDecimal(q.Open)), DayLow: figure(decimal.NewNullDecimal(q.DayLow)),
		DayHigh: figure(decimal.NewNullDecimal(q.DayHigh)), Low52: figure(decimal.NewNullDecimal(q.Low52)),
		High52: figure(decimal.NewNullDecimal(q.High52)), Volume: q.Volume, MarketCap: q.MarketCap,
		Time: q.At, Stale: q.Stale}
}

// ToDB converts a quote for storing; a missing figure is stored as 0.
func ToDB(q Quote) db.Quote {
	return db.Quote{Ticker: q.Ticker, Price: q.Price, PrevClose: q.PrevClose.Decimal, Open: q.Open.Decimal,
		DayLow: q.DayLow.Decimal, DayHigh: q.DayHigh.Decimal, Low52: q.Low52.Decimal, High52: q.High52.Decimal,
		Volume: q.Volume, MarketCap: q.MarketCap, At: q.Time, Stale: q.Stale}
}

// historyYears is how far back a ticker's history is fetched and kept.
const historyYears = 15

// History returns the daily bars with day in [from, to] from the database,
// refreshing the ticker's stored history from the provider at most once a
// day (concurrent requests for the same ticker share one fetch). When the
// provider fails, the stored history is served as it is.
func (s *Service) History(ctx context.Context, ticker string, from, to time.Time) ([]Bar, error) {
	return s.history(ctx, ticker, from, to, func(from, to time.Time) ([]Bar, error) {
		return s.Provider.History(ctx, ticker, from, to)
	})
}

// history serves the bars kept under key (a ticker, or IndexKey), refreshed
// by fetch at most once a day.
func (s *Service) history(ctx context.Context, key string, from, to time.Time, fetch func(from, to time.Time) ([]Bar, error)) ([]Bar, error) {
	ticker := key
	fetched, err := s.Store.HistoryFetchedAt(ctx, ticker)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if fetched.IsZero() || !day(fetched).Equal(day(now)) {
		_, err, _ := s.fetching.Do(ticker, func() (any, error) {
			bars, err := fetch(now.AddDate(-historyYears, 0, 0), now)
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
