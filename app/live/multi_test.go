package live

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// One connection carries a page's room and the user's notices; a
// reconnect with the last id it saw resumes every stream exactly where it
// was, even when the streams' events interleave.
func TestMultiStreamOneConnection(t *testing.T) {
	s := newServer(t, Options{ReplayEvents: 8, Heartbeat: 20 * time.Millisecond}, nil)
	room, user := QuoteRoom("pt-BR", []string{"PETR4"}), User(5)
	both := room + "&stream=" + user
	hdr := map[string]string{"X-User": "5"}
	c := dialRaw(t, s.addr, both, hdr)
	if c.resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", c.resp.StatusCode)
	}
	s.waitSubs(t, room, 1)
	s.waitSubs(t, user, 1)
	s.publish(t, room, "PETR4", "row 1")
	if f := c.nextEvent(t); f.event != "PETR4" || f.data[0] != "row 1" {
		t.Fatalf("got %+v", f)
	}
	s.publish(t, user, "notice", "hello")
	f := c.nextEvent(t)
	if f.event != "notice" || f.data[0] != "hello" {
		t.Fatalf("got %+v", f)
	}
	last := f.id
	c.conn.Close()
	s.waitSubs(t, room, 0)

	// Missed while away: one event on each stream.
	s.publish(t, room, "PETR4", "row 2")
	s.publish(t, user, "notice", "again")
	hdr["Last-Event-ID"] = last
	c = dialRaw(t, s.addr, both, hdr)
	got := map[string]string{}
	for range 2 {
		f := c.nextEvent(t)
		got[f.event] = strings.Join(f.data, "|")
	}
	if got["PETR4"] != "row 2" || got["notice"] != "again" {
		t.Fatalf("resumed %v", got)
	}
	// Nothing else was replayed: the next event is a new one.
	s.publish(t, user, "notice", "new")
	if f := c.nextEvent(t); f.data[0] != "new" {
		t.Fatalf("got %+v", f)
	}
}

// Every stream of a connection is checked by its own rule: one forbidden
// stream refuses the connection, and there is a cap on how many.
func TestMultiStreamChecks(t *testing.T) {
	s := newServer(t, Options{}, nil)
	room := QuoteRoom("pt-BR", []string{"PETR4"})
	for _, tc := range []struct {
		streams string
		want    int
	}{
		{room + "&stream=" + User(5), http.StatusOK},
		{room + "&stream=" + User(6), http.StatusForbidden},
		{room + "&stream=quotes-xx", http.StatusNotFound},
		{room + strings.Repeat("&stream="+QuoteRoom("en", []string{"PETR4"}), 1) + "&stream=" + QuoteRoom("en", []string{"VALE3"}) +
			"&stream=" + Room(1) + "&stream=" + Room(2) + "&stream=" + Room(3) + "&stream=" + QuoteRoom("pt-BR", []string{"VALE3"}) +
			"&stream=" + QuoteRoom("pt-BR", []string{"PETR4", "VALE3"}) + "&stream=" + User(5), http.StatusBadRequest},
	} {
		c := dialRaw(t, s.addr, tc.streams, map[string]string{"X-User": "5"})
		if c.resp.StatusCode != tc.want {
			t.Errorf("%s: status %d, want %d", tc.streams, c.resp.StatusCode, tc.want)
		}
		c.conn.Close()
	}
}
