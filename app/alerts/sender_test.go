package alerts

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// recorder is a mailer that records the keys it sent; before, when set,
// runs first (to block or cancel).
type recorder struct {
	mu     sync.Mutex
	keys   []string
	before func(ctx context.Context)
}

func (m *recorder) Send(ctx context.Context, mail Mail) error {
	if m.before != nil {
		m.before(ctx)
	}
	m.mu.Lock()
	m.keys = append(m.keys, mail.Key)
	m.mu.Unlock()
	return nil
}

func (m *recorder) sent() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.keys...)
}

// waitFor waits for cond with a generous deadline.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond) // no event to wait on: the sender runs in its own goroutine
	}
}

// crossing makes n alerts on PETR4 that enter the buy zone at the next cycle.
func (r *rig) crossing(t *testing.T, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		r.alert(t, "PETR4", "30", "", 15, 30)
	}
	r.quotes.set("PETR4", "20")
}

// A mail server that hangs must not hold the engine up: the cycle hands
// delivery to the sender and returns.
func TestEngineDoesNotWaitForMail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		release := make(chan struct{})
		m := &recorder{before: func(context.Context) { <-release }}
		r.sender.Mailer = m
		r.engine.AfterNotices = r.sender.Kick
		r.crossing(t, 1)
		done := make(chan error, 1)
		go func() { done <- r.engine.Run(context.Background()) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			close(release)
			t.Fatal("the engine's run waited for the mail server")
		}
		close(release)
		waitFor(t, "the kicked delivery", func() bool { return len(m.sent()) == 1 })
	})
}

// Two senders (two instances, or the job beside a kick) claim what they
// mail: while one is stuck on its first mail, the other finds nothing to
// send, and every notice goes out exactly once.
func TestTwoSendersNeverMailTheSameNotice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		r.crossing(t, 15)
		if res := r.cycle(t); res.Notices != 15 {
			t.Fatalf("%d notices", res.Notices)
		}
		entered, gate := make(chan struct{}), make(chan struct{})
		var once sync.Once
		ma := &recorder{before: func(context.Context) { once.Do(func() { close(entered); <-gate }) }}
		mb := &recorder{}
		// Two processes: two senders on one database.
		o := r.sender
		a := &Sender{Store: store, Mailer: ma, BaseURL: o.BaseURL, Now: o.Now, Log: o.Log, Backoff: o.Backoff, MaxBackoff: o.MaxBackoff, Batch: o.Batch}
		b := &Sender{Store: store, Mailer: mb, BaseURL: o.BaseURL, Now: o.Now, Log: o.Log, Backoff: o.Backoff, MaxBackoff: o.MaxBackoff, Batch: o.Batch}
		done := make(chan error, 1)
		go func() { _, err := a.Deliver(context.Background()); done <- err }()
		<-entered
		if _, err := b.Deliver(context.Background()); err != nil {
			t.Fatal(err)
		}
		close(gate)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, k := range append(ma.sent(), mb.sent()...) {
			seen[k]++
		}
		for k, n := range seen {
			if n != 1 {
				t.Errorf("%s mailed %d times", k, n)
			}
		}
		if len(seen) != 15 {
			t.Fatalf("%d notices mailed, want 15", len(seen))
		}
	})
}

// Shutdown (the job's context ends) stops a delivery between mails; what
// is left is neither sent nor counted as failed, and goes out later.
func TestDeliverStopsWhenContextEnds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		r.crossing(t, 3)
		r.cycle(t)
		ctx, cancel := context.WithCancel(context.Background())
		m := &recorder{before: func(context.Context) { cancel() }}
		r.sender.Mailer = m
		sent, err := r.sender.Deliver(ctx)
		if sent != 1 || !errors.Is(err, context.Canceled) {
			t.Fatalf("sent %d, err %v; want 1 and the context's error", sent, err)
		}
		r.clock.add(r.sender.lease())
		m.before = nil
		if sent := r.deliver(t); sent != 2 {
			t.Fatalf("later run sent %d, want the 2 left", sent)
		}
	})
}
