package quotes

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// fetcher is what a real upstream must implement; remote adds batching and
// stale fallback on top.
type fetcher interface {
	fetchQuotes(ctx context.Context, tickers []string) (map[string]Quote, error)
	fetchHistory(ctx context.Context, ticker string, from, to time.Time) ([]Bar, error)
}

// remote is a Provider over an HTTP upstream. It remembers the last good
// quote per ticker so a failing upstream degrades to stale data instead of
// an empty screen.
type remote struct {
	name  string
	batch int
	f     fetcher
	c     *client

	mu   sync.Mutex
	last map[string]Quote
}

func (r *remote) Name() string { return r.name }

// BreakerState is "closed", "open" or "half-open"; handy for a status page.
func (r *remote) BreakerState() string { return r.c.breaker.State() }

func (r *remote) Quotes(ctx context.Context, tickers []string) (map[string]Quote, error) {
	syms := normalize(tickers)
	out := make(map[string]Quote, len(syms))
	var failed []string
	var firstErr error
	for _, batch := range chunk(syms, r.batch) {
		got, err := r.f.fetchQuotes(ctx, batch)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			failed = append(failed, batch...)
			continue
		}
		for t, q := range got {
			out[t] = q
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for t, q := range out {
		if listed(t) { // bounded by the lists, whatever was asked
			r.last[t] = q
		}
	}
	if firstErr == nil {
		return out, nil
	}
	for _, t := range failed {
		if q, ok := r.last[t]; ok {
			q.Stale = true
			out[t] = q
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w", r.name, firstErr)
	}
	return out, nil
}

func (r *remote) History(ctx context.Context, ticker string, from, to time.Time) ([]Bar, error) {
	syms := normalize([]string{ticker})
	if len(syms) == 0 {
		return nil, fmt.Errorf("%s: %w: %q", r.name, ErrNotFound, ticker)
	}
	bars, err := r.f.fetchHistory(ctx, syms[0], from, to)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.name, err)
	}
	return clip(bars, from, to), nil
}

// clip keeps bars whose day is in [from, to], sorted oldest first, one per day.
func clip(bars []Bar, from, to time.Time) []Bar {
	lo, hi := day(from), day(to)
	slices.SortStableFunc(bars, func(a, b Bar) int { return a.Day.Compare(b.Day) })
	out := bars[:0:0]
	for _, b := range bars {
		if b.Day.Before(lo) || b.Day.After(hi) {
			continue
		}
		if n := len(out); n > 0 && !b.Day.After(out[n-1].Day) {
			if b.Day.Equal(out[n-1].Day) {
				out[n-1] = b // upstream repeats today's partial bar; keep the later one
			}
			continue
		}
		out = append(out, b)
	}
	return out
}
