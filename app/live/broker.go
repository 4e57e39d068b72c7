package live

import (
	"context"
	"errors"
	"strings"
	"sync"
)

// Event is one already-rendered HTML fragment for one stream. Name is the
// SSE event name, which htmx matches against sse-swap="..." (e.g. "PETR4");
// empty means the default "message" event.
type Event struct {
	Stream string
	Name   string
	Data   string
}

// Errors returned by Validate and Publish.
var (
	ErrBadStream = errors.New("live: malformed stream id")
	ErrBadName   = errors.New("live: event name must be one line of at most 256 bytes")
	ErrEmptyData = errors.New("live: event data is empty")
	ErrClosed    = errors.New("live: hub is shut down")
)

// Validate rejects events that could not be framed safely. Empty data is an
// error, not a no-op: browsers never dispatch an SSE event whose data is
// empty, and r3labs/sse ends the connection on one (to clear an element,
// send a fragment such as a single space or an empty tag).
func (e Event) Validate() error {
	if !ValidID(e.Stream) {
		return ErrBadStream
	}
	if len(e.Name) > 256 || strings.ContainsAny(e.Name, "\r\n") {
		return ErrBadName
	}
	if e.Data == "" {
		return ErrEmptyData
	}
	return nil
}

// Broker carries published events to every instance's hub. Publish may be
// called from any instance (handler, job); each hub that subscribed gets
// every event and delivers it to its own local subscribers of ev.Stream.
//
// PGBroker spans instances (PostgreSQL LISTEN/NOTIFY): Publish runs
// pg_notify, a dedicated connection LISTENs and calls deliver from its
// receive loop; fragments too big for NOTIFY (8000 bytes) are stored in a
// table and their id notified. Features send facts (Hub.Fact) rather than
// rendered HTML through it, so traffic does not grow with rooms or viewers.
type Broker interface {
	// Publish sends ev to every subscribed hub. It returns once the event
	// is accepted, not once delivered.
	Publish(ctx context.Context, ev Event) error
	// Subscribe registers deliver for every event published from now on,
	// from any instance. deliver is called from the broker's goroutine(s)
	// and must return quickly; the hub's does. stop unregisters.
	Subscribe(deliver func(Event)) (stop func(), err error)
}

// MemoryBroker is the in-process Broker: Publish hands the event to every
// subscriber synchronously, in the caller's goroutine, so a single
// publisher's events arrive in order.
type MemoryBroker struct {
	mu   sync.RWMutex
	next int
	subs map[int]func(Event)
}

// NewMemoryBroker returns an empty in-process broker.
func NewMemoryBroker() *MemoryBroker {
	return &MemoryBroker{subs: map[int]func(Event){}}
}

// Publish validates ev and hands it to every subscriber.
func (b *MemoryBroker) Publish(ctx context.Context, ev Event) error {
	if err := ev.Validate(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, deliver := range b.subs {
		deliver(ev)
	}
	return nil
}

// Subscribe registers deliver; it never fails.
func (b *MemoryBroker) Subscribe(deliver func(Event)) (func(), error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	id := b.next
	b.next++
	b.subs[id] = deliver
	return func() {
		b.mu.Lock()
		delete(b.subs, id)
		b.mu.Unlock()
	}, nil
}
