package accounts

import (
	"context"
	"time"
)

// Limits on failed logins. A username is limited over a short window so an
// attacker who guesses at someone's account locks its owner out for minutes,
// not hours; an IP gets more tries over a longer window, which slows one
// machine guessing at many accounts.
const (
	userFailures = 5
	userWindow   = 5 * time.Minute
	ipFailures   = 20
	ipWindow     = 15 * time.Minute
)

// throttled returns how long the client must wait before its next try (0: go ahead).
func (h *Handler) throttled(ctx context.Context, username, ip string) (time.Duration, error) {
	now := h.env.Now()
	var wait time.Duration
	for _, lim := range []struct {
		column, value string
		max           int
		window        time.Duration
	}{
		{"username", username, userFailures, userWindow},
		{"ip", ip, ipFailures, ipWindow},
	} {
		n, oldest, err := h.env.Store.LoginFailures(ctx, lim.column, lim.value, now.Add(-lim.window))
		if err != nil {
			return 0, err
		}
		if n >= lim.max {
			// The oldest failure in the window leaves it at oldest+window.
			wait = max(wait, oldest.Add(lim.window).Sub(now))
		}
	}
	return wait, nil
}
