package tracker

import (
	"context"
	"log/slog"
	"time"
)

// With several instances, viewers of a ticker may be on any of them while
// only the leader polls: each instance records what its viewers watch
// (Heartbeat, every quote interval) and the leader polls the union of the
// records still fresh (WatchedAnywhere). An instance that stops
// heartbeating (killed) drops out once its record is older than the ttl.

// Heartbeat returns the job that records this instance's watched tickers.
func (h *Handler) Heartbeat(instance string) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		return h.env.Store.Heartbeat(ctx, instance, h.Watched(), h.env.Now())
	}
}

// WatchedAnywhere returns what the quote job polls on the leader: the
// tickers watched here and on every instance that heartbeat within ttl.
// When the database does not answer, it falls back to this instance's.
func (h *Handler) WatchedAnywhere(ttl time.Duration) func() []string {
	return func() []string {
		local := h.Watched()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		all, err := h.env.Store.WatchedUnion(ctx, h.env.Now().Add(-ttl))
		if err != nil {
			h.env.Log.Warn("watched union", slog.Any("err", err))
			return local
		}
		seen := make(map[string]bool, len(all))
		for _, t := range all {
			seen[t] = true
		}
		for _, t := range local {
			if !seen[t] {
				all = append(all, t)
			}
		}
		return all
	}
}
