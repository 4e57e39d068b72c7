package tracker

import (
	"context"

	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// Streams is what the tracker needs of the live hub.
type Streams interface {
	Active(prefix string) []string
	Fact(ctx context.Context, kind, data string) error
	OnFact(kind string, fn live.FactFunc)
	OnResync(fn func(ctx context.Context))
	Local(ev live.Event) error
}

// Handler serves the picker and tracker pages and publishes quote rows.
type Handler struct {
	env     *web.Env
	quotes  *quotes.Service
	streams Streams

	rowCache web.HTMLCache // rendered rows by language and every value they show (rowcache.go)
}

// New makes the tracker handlers.
func New(env *web.Env, q *quotes.Service, streams Streams) *Handler {
	h := &Handler{env: env, quotes: q, streams: streams}
	streams.OnFact(QuotesFact, h.onQuotes)
	streams.OnResync(h.resync)
	return h
}
