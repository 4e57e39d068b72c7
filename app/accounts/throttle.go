package accounts

import (
	"context"
	"time"

	"github.com/stonks-b3/stonks/db"
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

// Sign-ups per client address: enough for a family or an office behind one
// address, too few to fill the database or keep argon2id busy.
const (
	signupsPerIP = 10
	signupWindow = time.Hour
)

// reserveLogin records this attempt as a failure unless a limit is reached,
// in which case it returns how long the client must wait (see Store.ReserveLogin).
func (h *Handler) reserveLogin(ctx context.Context, username, ip string) (time.Duration, int64, error) {
	return h.env.Store.ReserveLogin(ctx, username, ip, h.env.Now(),
		db.Limit{Column: "username", Value: username, Max: userFailures, Window: userWindow},
		db.Limit{Column: "ip", Value: ip, Max: ipFailures, Window: ipWindow})
}
