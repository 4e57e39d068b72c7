package accounts

import (
	"runtime"

	"github.com/stonks-b3/stonks/app/alerts"
	"github.com/stonks-b3/stonks/app/web"
)

// Handler serves the account pages; one file per action.
type Handler struct {
	env     *web.Env
	hashing chan struct{} // slots for argon2id work, see password.go
	mailer  alerts.Mailer // the alerts' mail path: reset links
}

// New makes the account handlers; mailer sends the password reset links.
func New(env *web.Env, mailer alerts.Mailer) *Handler {
	return &Handler{env: env, hashing: make(chan struct{}, HashSlots()), mailer: mailer}
}

// HashSlots is how many password hashes or checks run at once: one per core,
// at least two. Each takes 19 MiB and a core for tens of milliseconds.
func HashSlots() int { return max(2, runtime.GOMAXPROCS(0)) }
