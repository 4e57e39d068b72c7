package wallet

import (
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// MaxItems is how many holdings one wallet keeps: the live table subscribes
// to one quote room with all of them, and a room holds at most 100 tickers.
const MaxItems = db.MaxWalletItems

// Handler serves the wallet pages; one file per action.
type Handler struct {
	env      *web.Env
	quotes   *quotes.Service
	rowCache web.HTMLCache // rendered wallet rows (rowcache.go)
}

// New makes the wallet handlers. Live refresh needs no publisher of its own:
// the page listens to the quote room of its tickers, which the quote job
// already feeds.
func New(env *web.Env, q *quotes.Service) *Handler {
	return &Handler{env: env, quotes: q}
}
