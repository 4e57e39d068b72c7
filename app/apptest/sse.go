package apptest

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Event is one Server-Sent Event as a browser would see it.
type Event struct {
	ID, Name, Data string
}

// Stream is an open SSE connection read by a goroutine into Events.
type Stream struct {
	Events <-chan Event
	Resp   *http.Response
	cancel context.CancelFunc
}

// Subscribe opens base+"/sse?stream="+id with the given cookies and fails
// the test unless it answers 200. Close ends it (also done at cleanup).
func Subscribe(t testing.TB, base, id string, cookies ...*http.Cookie) *Stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/sse?stream="+id, nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		cancel()
		resp.Body.Close()
		t.Fatalf("subscribe %s: status %d", id, resp.StatusCode)
	}
	events := make(chan Event, 1024)
	go func() {
		defer close(events)
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		var ev Event
		var data []string
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\r\n")
			switch {
			case line == "":
				if len(data) > 0 {
					ev.Data = strings.Join(data, "\n")
					events <- ev
				}
				ev, data = Event{}, nil
			case strings.HasPrefix(line, "data:"):
				data = append(data, strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
			case strings.HasPrefix(line, "event:"):
				ev.Name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "id:"):
				ev.ID = strings.TrimSpace(strings.TrimPrefix(line, "id:"))
			}
		}
	}()
	s := &Stream{Events: events, Resp: resp, cancel: cancel}
	t.Cleanup(s.Close)
	return s
}

// Close ends the connection.
func (s *Stream) Close() { s.cancel() }

// Next waits up to d for the next event; ok is false on timeout or end.
func (s *Stream) Next(d time.Duration) (Event, bool) {
	select {
	case ev, ok := <-s.Events:
		return ev, ok
	case <-time.After(d):
		return Event{}, false
	}
}

// Eventually polls cond every 10 ms until it holds or d passes.
func Eventually(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
