package live

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Ending a session, from any hub on the broker (another instance), ends
// that session's streams and no other.
func TestEndSessionEndsItsStreams(t *testing.T) {
	s := newServer(t, Options{}, nil)
	other, err := New(s.broker, Options{}) // a second instance
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	mine := map[string]string{"X-User": "5", "X-Session": "s1"}
	room := dialRaw(t, s.addr, Room(1), mine)
	user := dialRaw(t, s.addr, User(5), mine)
	elsewhere := dialRaw(t, s.addr, Room(1), map[string]string{"X-User": "5", "X-Session": "s2"})
	anon := dialRaw(t, s.addr, "quotes-en-PETR4", nil)
	s.waitSubs(t, Room(1), 2)
	s.waitSubs(t, User(5), 1)
	s.waitSubs(t, "quotes-en-PETR4", 1)

	if err := other.EndSession(context.Background(), "s1"); err != nil {
		t.Fatal(err)
	}
	s.waitSubs(t, User(5), 0)
	s.waitSubs(t, Room(1), 1)
	s.publish(t, Room(1), "msg", "after logout")
	s.publish(t, User(5), "notice", "after logout")
	s.publish(t, "quotes-en-PETR4", "PETR4", "still public")
	room.ends(t, 5*time.Second)
	user.ends(t, 5*time.Second)
	if f := elsewhere.nextEvent(t); f.data[0] != "after logout" {
		t.Fatalf("another session's stream got %+v", f)
	}
	if f := anon.nextEvent(t); f.data[0] != "still public" {
		t.Fatalf("anonymous stream got %+v", f)
	}
	// A subscription that passed its checks just before the logout, and
	// attaches just after it, ends at once too.
	late := dialRaw(t, s.addr, User(5), mine)
	late.ends(t, 5*time.Second)
}

// A stream ends once its session has expired, checked at the heartbeat
// against the hub's clock.
func TestExpiredSessionEndsItsStreams(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	now := t0
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := newServer(t, Options{Heartbeat: 20 * time.Millisecond, Now: clock}, nil)
	expires := strconv.FormatInt(t0.Add(time.Hour).UnixMilli(), 10)
	c := dialRaw(t, s.addr, User(5), map[string]string{"X-User": "5", "X-Session": "s1", "X-Expires": expires})
	s.waitSubs(t, User(5), 1)
	for heartbeats := 0; heartbeats < 3; { // alive while the session is
		f, err := c.next(5 * time.Second)
		if err != nil {
			t.Fatalf("stream of a live session: %v", err)
		}
		heartbeats += len(f.comments)
	}
	mu.Lock()
	now = t0.Add(time.Hour)
	mu.Unlock()
	c.ends(t, 5*time.Second)
	s.waitSubs(t, User(5), 0)
}
