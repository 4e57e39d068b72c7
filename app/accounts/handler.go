// Package accounts is sign-up, login, logout and profiles.
package accounts

import (
	"runtime"

	"github.com/stonks-b3/stonks/app/web"
)

// Handler serves the account pages; one file per action.
type Handler struct {
	env     *web.Env
	hashing chan struct{} // slots for argon2id work, see password.go
}

// New makes the account handlers.
func New(env *web.Env) *Handler {
	return &Handler{env: env, hashing: make(chan struct{}, HashSlots())}
}

// HashSlots is how many password hashes or checks run at once: one per core,
// at least two. Each takes 19 MiB and a core for tens of milliseconds.
func HashSlots() int { return max(2, runtime.GOMAXPROCS(0)) }
