package live

import (
	"context"
	"strings"
	"time"
)

// Facts are what instances tell each other instead of rendered events:
// "these quotes changed", "message N was posted in room R". A fact goes
// through the broker once, whatever the number of rooms and viewers; every
// instance's handler (OnFact) reads what it needs, renders once per
// language and hands the events to its own subscribers (Local).
//
// A fact is an Event on the stream factPrefix+kind. No rule allows that
// prefix, so nobody can subscribe to it.
const factPrefix = "live-fact-"

// FactFunc handles a fact on this instance. It runs in the broker's
// delivery goroutine, one fact after the other in the order published.
type FactFunc func(ctx context.Context, data string)

// OnFact sets the handler of facts of kind. Register before serving.
func (h *Hub) OnFact(kind string, fn FactFunc) {
	h.mu.Lock()
	if h.facts == nil {
		h.facts = map[string]FactFunc{}
	}
	h.facts[kind] = fn
	h.mu.Unlock()
}

// Fact publishes data (non-empty, small: ids, not HTML) as a fact of kind
// to every instance, this one included.
func (h *Hub) Fact(ctx context.Context, kind, data string) error {
	return h.broker.Publish(ctx, Event{Stream: factPrefix + kind, Data: data})
}

// Local hands ev to this instance's subscribers only: the end of a fact.
func (h *Hub) Local(ev Event) error {
	if err := ev.Validate(); err != nil {
		return err
	}
	if strings.HasPrefix(ev.Stream, "live-") {
		return ErrBadStream
	}
	h.deliver(ev)
	return nil
}

// fact runs the handler of a fact received from the broker.
func (h *Hub) fact(kind, data string) {
	h.mu.RLock()
	fn := h.facts[kind]
	h.mu.RUnlock()
	if fn == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	fn(ctx, data)
}

// Reconnector is a broker that can lose what was published while its
// connection was down (PGBroker); the hub resynchronises after.
type Reconnector interface {
	OnReconnect(fn func())
}

// OnResync adds fn, run after the broker lost events (its connection
// dropped and came back): fn sends the current state of what this
// instance's viewers watch, so they catch up instead of staying silent.
func (h *Hub) OnResync(fn func(ctx context.Context)) {
	h.mu.Lock()
	h.resync = append(h.resync, fn)
	h.mu.Unlock()
}

func (h *Hub) runResync() {
	h.mu.RLock()
	fns := h.resync
	h.mu.RUnlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, fn := range fns {
		fn(ctx)
	}
}

// Known reports whether this hub keeps stream id: it has subscribers, or
// had some within ReplayTTL (its replay window still takes events). A fact
// about a stream nobody here knows needs no work.
func (h *Hub) Known(id string) bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.streams[id] != nil
}
