// Package returns is the investor's history and what it means: dated buys
// and sells (operations) with their import from B3's trades export, the
// holdings and realised gains derived from them (app/ledger), and the
// monthly income-tax helper (app/tax). One file per action.
package returns

import (
	"sync"
	"time"

	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// Handler serves the operations, proventos and income-tax pages.
type Handler struct {
	env    *web.Env
	quotes *quotes.Service

	mu             sync.Mutex
	dividendsAsked map[string]asked // by ticker
}

// asked is when the provider was last asked for a ticker's payments, and
// from which ex-date.
type asked struct {
	day  string
	from time.Time
}

// New makes the handlers.
func New(env *web.Env, q *quotes.Service) *Handler {
	return &Handler{env: env, quotes: q, dividendsAsked: map[string]asked{}}
}
