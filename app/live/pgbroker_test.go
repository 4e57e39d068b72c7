package live_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// inbox collects what a broker delivers.
type inbox struct {
	mu  sync.Mutex
	evs []live.Event
}

func (in *inbox) add(ev live.Event) { in.mu.Lock(); in.evs = append(in.evs, ev); in.mu.Unlock() }

// wait returns the first event matching ok, failing after a generous deadline.
func (in *inbox) wait(t *testing.T, ok func(live.Event) bool) live.Event {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		in.mu.Lock()
		for _, ev := range in.evs {
			if ok(ev) {
				in.mu.Unlock()
				return ev
			}
		}
		in.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("event never arrived")
	return live.Event{}
}

func newPGBroker(t *testing.T, store *db.Store) *live.PGBroker {
	t.Helper()
	schema, err := store.Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b, err := live.NewPGBroker(context.Background(), store.DB.DB, store, "stonks_"+schema)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// Two instances on one database: what one publishes reaches both, a big
// fragment included (through live_payloads, NOTIFY refuses 8000 bytes).
func TestPGBrokerCarriesEventsBetweenInstances(t *testing.T) {
	store := dbtest.Postgres(t)
	a, b := newPGBroker(t, store), newPGBroker(t, store)
	var inA, inB inbox
	if _, err := a.Subscribe(inA.add); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Subscribe(inB.add); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := a.Publish(ctx, live.Event{Stream: "room-1", Name: "message-en", Data: "<p>hi\nthere</p>"}); err != nil {
		t.Fatal(err)
	}
	big := "<p>" + strings.Repeat("x", 20000) + "</p>"
	if err := b.Publish(ctx, live.Event{Stream: "room-2", Name: "message-en", Data: big}); err != nil {
		t.Fatal(err)
	}
	for _, in := range []*inbox{&inA, &inB} {
		ev := in.wait(t, func(ev live.Event) bool { return ev.Stream == "room-1" })
		if ev.Name != "message-en" || ev.Data != "<p>hi\nthere</p>" {
			t.Errorf("got %+v", ev)
		}
		in.wait(t, func(ev live.Event) bool { return ev.Stream == "room-2" && ev.Data == big })
	}
}

// A listener whose connection is killed reconnects, says so (the hub then
// resynchronises its viewers) and receives again.
func TestPGBrokerReconnectsAfterTheConnectionDrops(t *testing.T) {
	store := dbtest.Postgres(t)
	a, b := newPGBroker(t, store), newPGBroker(t, store)
	var inA inbox
	if _, err := a.Subscribe(inA.add); err != nil {
		t.Fatal(err)
	}
	reconnected := make(chan struct{}, 1)
	a.OnReconnect(func() { reconnected <- struct{}{} })
	ctx := context.Background()
	pid := a.PID()
	if _, err := store.DB.ExecContext(ctx, "SELECT pg_terminate_backend(?, 5000)", pid); err != nil {
		t.Fatal(err)
	}
	select {
	case <-reconnected:
	case <-time.After(10 * time.Second):
		t.Fatal("no reconnection")
	}
	if a.PID() == pid || a.PID() == 0 {
		t.Fatalf("listening on %d, was %d", a.PID(), pid)
	}
	if err := b.Publish(ctx, live.Event{Stream: "room-1", Data: "after"}); err != nil {
		t.Fatal(err)
	}
	inA.wait(t, func(ev live.Event) bool { return ev.Data == "after" })
	if a.Reconnects.Load() != 1 {
		t.Errorf("reconnects = %d", a.Reconnects.Load())
	}
}

// A fact published on one hub runs the fact handler of every hub.
func TestFactsReachEveryInstance(t *testing.T) {
	store := dbtest.Postgres(t)
	var got inbox
	for _, name := range []string{"a", "b"} {
		h, err := live.New(newPGBroker(t, store), live.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = h.Close() })
		h.OnFact("test", func(_ context.Context, data string) { got.add(live.Event{Stream: name, Data: data}) })
		if name == "b" {
			if err := h.Fact(context.Background(), "test", "42"); err != nil {
				t.Fatal(err)
			}
		}
	}
	got.wait(t, func(ev live.Event) bool { return ev.Stream == "a" && ev.Data == "42" })
	got.wait(t, func(ev live.Event) bool { return ev.Stream == "b" && ev.Data == "42" })
}
