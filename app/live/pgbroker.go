package live

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// PGStore is what the PostgreSQL broker needs of the data layer (db.Store).
type PGStore interface {
	Notify(ctx context.Context, channel, payload string) error
	PutLivePayload(ctx context.Context, data string, now time.Time) (int64, error)
	LivePayloadByID(ctx context.Context, id int64) (string, error)
}

// MaxNotify is the largest NOTIFY payload the broker sends; PostgreSQL
// refuses 8000 bytes and more. Bigger events go through live_payloads.
const MaxNotify = 7900

// PGBroker carries events between instances with PostgreSQL LISTEN/NOTIFY.
// Publish runs pg_notify on a pooled connection; one dedicated connection
// LISTENs and hands every notification (its own instance's included) to
// the subscribers, in commit order. When that connection drops, it
// reconnects with backoff, LISTENs again and runs the OnReconnect hooks:
// what was notified meanwhile is lost, so the hub resynchronises its
// viewers (see Hub.OnResync).
type PGBroker struct {
	sqlDB   *sql.DB
	store   PGStore
	channel string

	mu        sync.RWMutex
	next      int
	subs      map[int]func(Event)
	reconnect []func()

	cancel context.CancelFunc
	done   chan struct{}
	pid    atomic.Uint32

	// Counters for the metrics.
	Sent, Received, Reconnects atomic.Uint64
}

// NewPGBroker LISTENs on channel on a connection of its own from sqlDB
// (a pgx stdlib pool) and returns once it listens, so that everything
// published after it returns is received.
func NewPGBroker(ctx context.Context, sqlDB *sql.DB, store PGStore, channel string) (*PGBroker, error) {
	runCtx, cancel := context.WithCancel(context.Background())
	b := &PGBroker{sqlDB: sqlDB, store: store, channel: channel, subs: map[int]func(Event){},
		cancel: cancel, done: make(chan struct{})}
	ready := make(chan error, 1)
	go b.run(runCtx, ready)
	select {
	case err := <-ready:
		if err != nil {
			cancel()
			<-b.done
			return nil, fmt.Errorf("live: LISTEN: %w", err)
		}
		return b, nil
	case <-ctx.Done():
		cancel()
		<-b.done
		return nil, ctx.Err()
	}
}

// Close stops listening.
func (b *PGBroker) Close() {
	b.cancel()
	<-b.done
}

// PID is the PostgreSQL backend of the listening connection (0 while
// disconnected): tests terminate it to prove reconnection.
func (b *PGBroker) PID() uint32 { return b.pid.Load() }

// OnReconnect adds fn, run after the listener reconnected.
func (b *PGBroker) OnReconnect(fn func()) {
	b.mu.Lock()
	b.reconnect = append(b.reconnect, fn)
	b.mu.Unlock()
}

// Subscribe registers deliver for every notification received from now on.
func (b *PGBroker) Subscribe(deliver func(Event)) (func(), error) {
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

// Publish notifies every instance of ev. Stream and name never hold a line
// break (Validate), so they frame the payload; an event too big for NOTIFY
// is stored and its id notified.
func (b *PGBroker) Publish(ctx context.Context, ev Event) error {
	if err := ev.Validate(); err != nil {
		return err
	}
	payload := "E" + ev.Stream + "\n" + ev.Name + "\n" + ev.Data
	if len(payload) > MaxNotify {
		id, err := b.store.PutLivePayload(ctx, payload, time.Now())
		if err != nil {
			return err
		}
		payload = "P" + strconv.FormatInt(id, 10)
	}
	if err := b.store.Notify(ctx, b.channel, payload); err != nil {
		return err
	}
	b.Sent.Add(1)
	return nil
}

func (b *PGBroker) run(ctx context.Context, ready chan<- error) {
	defer close(b.done)
	const minWait, maxWait = 50 * time.Millisecond, 5 * time.Second
	wait := minWait
	first := true
	for {
		listening := false
		err := b.session(ctx, func() {
			listening = true
			wait = minWait
			if first {
				first = false
				ready <- nil
				return
			}
			b.Reconnects.Add(1)
			b.mu.RLock()
			hooks := b.reconnect
			b.mu.RUnlock()
			for _, fn := range hooks {
				fn()
			}
		})
		b.pid.Store(0)
		if ctx.Err() != nil {
			return
		}
		if first && !listening {
			ready <- err
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, maxWait)
	}
}

// session takes a connection, LISTENs, calls listening and delivers
// notifications until the connection fails or ctx ends. The connection is
// always discarded afterwards, never handed back to the pool listening.
func (b *PGBroker) session(ctx context.Context, listening func()) error {
	conn, err := b.sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var failed error
	_ = conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			failed = errors.New("live: the PostgreSQL broker needs the pgx driver")
			return failed
		}
		pc := sc.Conn()
		if _, err := pc.Exec(ctx, "LISTEN "+pgx.Identifier{b.channel}.Sanitize()); err != nil {
			failed = err
			return driver.ErrBadConn
		}
		b.pid.Store(pc.PgConn().PID())
		listening()
		for {
			n, err := pc.WaitForNotification(ctx)
			if err != nil {
				failed = err
				return driver.ErrBadConn
			}
			b.Received.Add(1)
			b.dispatch(ctx, n.Payload)
		}
	})
	return failed
}

func (b *PGBroker) dispatch(ctx context.Context, payload string) {
	if rest, ok := strings.CutPrefix(payload, "P"); ok {
		id, err := strconv.ParseInt(rest, 10, 64)
		if err != nil {
			return
		}
		rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		payload, err = b.store.LivePayloadByID(rctx, id)
		cancel()
		if err != nil {
			return
		}
	}
	rest, ok := strings.CutPrefix(payload, "E")
	if !ok {
		return
	}
	stream, rest, ok1 := strings.Cut(rest, "\n")
	name, data, ok2 := strings.Cut(rest, "\n")
	if !ok1 || !ok2 {
		return
	}
	ev := Event{Stream: stream, Name: name, Data: data}
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, deliver := range b.subs {
		deliver(ev)
	}
}
