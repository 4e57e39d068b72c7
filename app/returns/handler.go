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
