package forum_test

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// gapBroker is an in-process broker that can lose its connection: while
// down it drops what is published, as a LISTEN connection would miss
// NOTIFYs; up again, it runs the reconnection hooks as PGBroker does.
type gapBroker struct {
	*live.MemoryBroker
	mu    sync.Mutex
	down  bool
	hooks []func()
}

func (b *gapBroker) Publish(ctx context.Context, ev live.Event) error {
	b.mu.Lock()
	down := b.down
	b.mu.Unlock()
	if down {
		return nil
	}
	return b.MemoryBroker.Publish(ctx, ev)
}

func (b *gapBroker) OnReconnect(fn func()) { b.hooks = append(b.hooks, fn) }

func (b *gapBroker) drop() { b.mu.Lock(); b.down = true; b.mu.Unlock() }

func (b *gapBroker) restore() {
	b.mu.Lock()
	b.down = false
	b.mu.Unlock()
	for _, fn := range b.hooks {
		fn()
	}
}

// A message posted while the broker's connection was down reaches the
// room's viewers once it is back, once, and what follows arrives as usual.
func TestMessagesPostedDuringABrokerGapArriveAfterIt(t *testing.T) {
	br := &gapBroker{MemoryBroker: live.NewMemoryBroker()}
	srv := apptest.New(t, dbtest.SQLite(t), nil, server.WithBroker(br))
	base := apptest.Listen(t, srv)
	ana, _ := member(t, srv, "ana")
	bia, _ := member(t, srv, "bia")
	id := createRoom(t, ana, "Bancos", "Itaú", "")
	events, _ := subscribe(t, base, ana, "room-"+itoa(id))
	next := func(want string) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case ev, ok := <-events:
				if !ok {
					t.Fatal("stream ended")
				}
				if ev.name != "message-pt-BR" {
					continue
				}
				if !strings.Contains(ev.data, want) {
					t.Fatalf("got message %q, want %q", ev.data, want)
				}
				return
			case <-deadline:
				t.Fatalf("no message %q", want)
			}
		}
	}
	post := func(body string) {
		t.Helper()
		bia.Post(path("/room/%d/", id), url.Values{"body": {body}})
	}
	post("before")
	next("before")
	br.drop()
	post("during")
	br.restore()
	post("after")
	next("during")
	next("after") // not "during" twice
}
