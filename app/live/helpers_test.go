package live

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

type testServer struct {
	hub    *Hub
	broker *MemoryBroker
	app    *fiber.App
	addr   string
	// release lets GET /wait, an ordinary request, answer "done".
	release chan struct{}
}

// testExists lists a few tickers, and rooms 1 to 99.
type testExists struct{}

var testTickers = map[string]bool{"PETR4": true, "VALE3": true, "ITUB4": true, "BOVA11": true, "HGLG11": true}

func (testExists) Listed(t string) bool { return testTickers[t] }
func (testExists) RoomExists(_ context.Context, n int64) (bool, error) {
	return n < 100, nil
}

// newServer runs a real Fiber app on 127.0.0.1:0 with the hub at /sse.
// The test viewer is the X-User header (absent: anonymous), its session
// the X-Session header.
func newServer(t testing.TB, o Options, wrap func(net.Listener) net.Listener) *testServer {
	t.Helper()
	b := NewMemoryBroker()
	h, err := New(b, o)
	if err != nil {
		t.Fatal(err)
	}
	h.AllowDefaults(testExists{})
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Server().KeepHijackedConns = true // as app/server does
	app.Get("/sse", h.Handler(func(c *fiber.Ctx) Viewer {
		n, err := strconv.ParseInt(c.Get("X-User"), 10, 64)
		if err != nil {
			return Viewer{}
		}
		v := Viewer{UserID: n, LoggedIn: true, Session: c.Get("X-Session")}
		if ms, err := strconv.ParseInt(c.Get("X-Expires"), 10, 64); err == nil {
			v.Expires = time.UnixMilli(ms)
		}
		return v
	}))
	release := make(chan struct{})
	app.Get("/wait", func(c *fiber.Ctx) error {
		select {
		case <-release:
		case <-time.After(10 * time.Second):
		}
		return c.SendString("done")
	})
	// fasthttp keeps idle worker goroutines for 10s by default; shorten
	// that so goroutine counts settle quickly in the leak test.
	app.Server().MaxIdleWorkerDuration = 50 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if wrap != nil {
		ln = wrap(ln)
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = app.Listener(ln)
	}()
	// Shutdown before Serve registered the listener would miss it; make
	// sure a request was answered first.
	probe, err := http.Get("http://" + addr + "/probe")
	if err != nil {
		t.Fatal(err)
	}
	probe.Body.Close()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := h.Shutdown(ctx); err != nil {
			t.Errorf("hub shutdown: %v", err)
		}
		if err := app.ShutdownWithTimeout(5 * time.Second); err != nil {
			t.Errorf("app shutdown: %v", err)
		}
		<-served
	})
	return &testServer{hub: h, broker: b, app: app, addr: addr, release: release}
}

func (s *testServer) url(stream string) string {
	return "http://" + s.addr + "/sse?stream=" + stream
}

func (s *testServer) publish(t testing.TB, stream, name, data string) {
	t.Helper()
	if err := s.hub.Publish(context.Background(), Event{Stream: stream, Name: name, Data: data}); err != nil {
		t.Fatal(err)
	}
}

// ends reads c until the stream ends cleanly (EOF) within d, failing on
// any event before that.
func (c *rawClient) ends(t testing.TB, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		f, err := c.next(time.Until(deadline))
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("stream did not end: %v", err)
		}
		if f.data != nil {
			t.Fatalf("event after the stream should have ended: %+v", f)
		}
	}
}

// recv receives from ch, failing the test if nothing comes within a
// generous deadline: a regression fails fast instead of hanging the package.
func recv[T any](t testing.TB, what string, ch chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (s *testServer) waitSubs(t testing.TB, stream string, n int) {
	t.Helper()
	waitFor(t, fmt.Sprintf("%d subscribers on %s", n, stream), 5*time.Second, func() bool {
		return s.hub.Subscribers(stream) == n
	})
}

// rawClient speaks HTTP/1.1 by hand over TCP and parses SSE frames itself.
type rawClient struct {
	conn net.Conn
	br   *bufio.Reader // the connection's reader, for a next response
	resp *http.Response
	body *bufio.Reader
}

type frame struct {
	id, event, retry string
	data             []string // one entry per data: line
	comments         []string
}

func request(stream string, hdr map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "GET /sse?stream=%s HTTP/1.1\r\nHost: test\r\nAccept: text/event-stream\r\n", stream)
	for k, v := range hdr {
		fmt.Fprintf(&b, "%s: %s\r\n", k, v)
	}
	b.WriteString("\r\n")
	return b.String()
}

func dialRaw(t testing.TB, addr, stream string, hdr map[string]string) *rawClient {
	t.Helper()
	c, err := dial(addr, stream, hdr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.conn.Close() })
	return c
}

// dial is dialRaw without the cleanup; the caller closes c.conn.
func dial(addr, stream string, hdr map[string]string) (*rawClient, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if _, err := io.WriteString(conn, request(stream, hdr)); err != nil {
		conn.Close()
		return nil, err
	}
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return &rawClient{conn: conn, br: br, resp: resp, body: bufio.NewReader(resp.Body)}, nil
}

// next reads one frame (up to the blank line), or returns the read error.
func (c *rawClient) next(d time.Duration) (frame, error) {
	_ = c.conn.SetReadDeadline(time.Now().Add(d))
	var f frame
	seen := false
	for {
		line, err := c.body.ReadString('\n')
		if err != nil {
			return f, err
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			if seen {
				return f, nil
			}
			continue
		}
		seen = true
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "":
			f.comments = append(f.comments, value)
		case "id":
			f.id = value
		case "event":
			f.event = value
		case "retry":
			f.retry = value
		case "data":
			f.data = append(f.data, value)
		}
	}
}

// nextEvent skips comment-only and retry-only frames.
func (c *rawClient) nextEvent(t testing.TB) frame {
	t.Helper()
	for {
		f, err := c.next(5 * time.Second)
		if err != nil {
			t.Fatalf("reading event: %v", err)
		}
		if f.data != nil {
			return f
		}
	}
}
