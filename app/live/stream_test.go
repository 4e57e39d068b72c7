package live

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/r3labs/sse/v2"
	"gopkg.in/cenkalti/backoff.v1"
)

func TestStatusBeforeStreaming(t *testing.T) {
	s := newServer(t, Options{}, nil)
	cases := []struct {
		stream string
		user   string
		want   int
	}{
		{"quotes-en-PETR4", "", 200},
		{"quotes-en-VALE3_PETR4", "", 404}, // not canonical
		{"quotes-en-ZZZZ3_ZZZZ4", "", 404}, // not listed
		{"room-999", "5", 404},             // no such room
		{"nope-1", "5", 404},               // unknown kind
		{"user-5%0A", "5", 404},            // charset
		{"", "5", 404},
		{"room-9", "", 403},
		{"room-9", "5", 200},
		{"user-6", "5", 403},
		{"user-5", "", 403},
		{"user-5", "5", 200},
	}
	for _, c := range cases {
		req, _ := http.NewRequest("GET", s.url(c.stream), nil)
		if c.user != "" {
			req.Header.Set("X-User", c.user)
		}
		// A deadline on each request: a rule that wrongly lets a stream
		// through fails here, quickly, instead of hanging on its body.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		resp, err := http.DefaultClient.Do(req.WithContext(ctx))
		if err != nil {
			t.Fatal(err)
		}
		ct := resp.Header.Get("Content-Type")
		if resp.StatusCode != c.want {
			t.Errorf("%s as %q: status %d, want %d", c.stream, c.user, resp.StatusCode, c.want)
			cancel()
			resp.Body.Close()
			continue
		}
		if c.want == 200 {
			if ct != "text/event-stream" || resp.Header.Get("Cache-Control") != "no-cache" || resp.Header.Get("X-Accel-Buffering") != "no" {
				t.Errorf("%s: headers %v", c.stream, resp.Header)
			}
		} else {
			// A plain, finished response, not an event stream.
			body, _ := io.ReadAll(resp.Body)
			if strings.HasPrefix(ct, "text/event-stream") || len(body) == 0 {
				t.Errorf("%s: %q %q", c.stream, ct, body)
			}
		}
		cancel()
		resp.Body.Close()
	}
}

func TestHeadDoesNotSubscribe(t *testing.T) {
	s := newServer(t, Options{}, nil)
	resp, err := http.Head(s.url("quotes-en-PETR4"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("HEAD: %d %v", resp.StatusCode, resp.Header)
	}
	if n := s.hub.Subscribers("quotes-en-PETR4"); n != 0 {
		t.Fatalf("HEAD subscribed: %d", n)
	}
}

func TestOrderAndFramingRaw(t *testing.T) {
	s := newServer(t, Options{Retry: 1500 * time.Millisecond}, nil)
	id := QuoteRoom("pt-BR", []string{"PETR4", "VALE3"})
	c := dialRaw(t, s.addr, id, nil)
	first, err := c.next(5 * time.Second)
	if err != nil || first.retry != "1500" {
		t.Fatalf("first frame %+v, %v; want retry: 1500", first, err)
	}
	s.waitSubs(t, id, 1)

	const n = 200
	go func() {
		for i := range n {
			data := fmt.Sprintf("<tr id=\"r%d\">\n  <td>%d</td>\r\n</tr>\r<!-- -->", i, i)
			if err := s.hub.Publish(context.Background(), Event{Stream: id, Name: "PETR4", Data: data}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	var lastSeq uint64
	for i := range n {
		f := c.nextEvent(t)
		want := []string{fmt.Sprintf("<tr id=\"r%d\">", i), fmt.Sprintf("  <td>%d</td>", i), "</tr>", "<!-- -->"}
		if strings.Join(f.data, "|") != strings.Join(want, "|") || f.event != "PETR4" {
			t.Fatalf("event %d: %+v", i, f)
		}
		seqs, ok := s.hub.parseIDs(f.id, 1)
		if !ok || seqs[0] <= lastSeq {
			t.Fatalf("event %d: id %q not increasing after %d", i, f.id, lastSeq)
		}
		lastSeq = seqs[0]
	}
}

func TestR3labsClient(t *testing.T) {
	// Heartbeats are how a vanished client is noticed.
	s := newServer(t, Options{Heartbeat: 20 * time.Millisecond}, nil)
	id := Room(3)
	client := sse.NewClient(s.url(id))
	client.Headers["X-User"] = "5"
	client.ReconnectStrategy = &backoff.StopBackOff{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan *sse.Event, 100)
	done := make(chan error, 1)
	go func() {
		done <- client.SubscribeRawWithContext(ctx, func(ev *sse.Event) {
			if len(ev.Data) > 0 { // r3labs' client also hands over the retry: hint
				got <- ev
			}
		})
	}()
	s.waitSubs(t, id, 1)
	for i := range 50 {
		s.publish(t, id, "msg", fmt.Sprintf("<p>%d</p>\n<p>line two</p>", i))
	}
	for i := range 50 {
		select {
		case ev := <-got:
			if string(ev.Data) != fmt.Sprintf("<p>%d</p>\n<p>line two</p>", i) || string(ev.Event) != "msg" {
				t.Fatalf("event %d: %q %q", i, ev.Event, ev.Data)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("event %d not received", i)
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("client did not return")
	}
	s.waitSubs(t, id, 0)
}

func TestHeartbeat(t *testing.T) {
	s := newServer(t, Options{Heartbeat: 30 * time.Millisecond}, nil)
	c := dialRaw(t, s.addr, "quotes-en-PETR4", nil)
	for {
		f, err := c.next(3 * time.Second)
		if err != nil {
			t.Fatalf("no heartbeat: %v", err)
		}
		if len(f.comments) > 0 {
			return
		}
	}
}

// Reconnecting with Last-Event-ID replays exactly what was missed, through
// r3labs' own client (which sends the header itself).
func TestReplayAfterReconnect(t *testing.T) {
	s := newServer(t, Options{ReplayEvents: 8, Heartbeat: 20 * time.Millisecond}, nil)
	id := User(5)
	resumed := make(chan bool, 10)
	s.hub.OnSubscribe(func(c Change) { resumed <- c.Resumed })

	client := sse.NewClient(s.url(id))
	client.Headers["X-User"] = "5"
	client.ReconnectStrategy = &backoff.StopBackOff{}
	subscribe := func() (chan *sse.Event, context.CancelFunc, chan struct{}) {
		ctx, cancel := context.WithCancel(context.Background())
		got := make(chan *sse.Event, 100)
		done := make(chan struct{})
		go func() {
			defer close(done)
			_ = client.SubscribeRawWithContext(ctx, func(ev *sse.Event) {
				if len(ev.Data) > 0 {
					got <- ev
				}
			})
		}()
		return got, cancel, done
	}
	expect := func(got chan *sse.Event, want ...string) {
		t.Helper()
		for _, w := range want {
			select {
			case ev := <-got:
				if string(ev.Data) != w {
					t.Fatalf("got %q, want %q", ev.Data, w)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("%q not received", w)
			}
		}
	}

	got, cancel, done := subscribe()
	if recv(t, "the subscribe hook", resumed) {
		t.Fatal("first connection resumed")
	}
	s.publish(t, id, "alert", "a1")
	s.publish(t, id, "alert", "a2")
	expect(got, "a1", "a2")
	cancel()
	recv(t, "the client to return", done)
	s.waitSubs(t, id, 0)

	// Missed while away; still within the 8-event window.
	s.publish(t, id, "alert", "a3")
	s.publish(t, id, "alert", "a4\nsecond line")

	got, cancel, done = subscribe()
	if !recv(t, "the subscribe hook", resumed) {
		t.Fatal("reconnect did not resume")
	}
	expect(got, "a3", "a4\nsecond line")
	s.publish(t, id, "alert", "a5")
	expect(got, "a5")
	select {
	case ev := <-got:
		t.Fatalf("unexpected extra event %q", ev.Data)
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	recv(t, "the client to return", done)
	s.waitSubs(t, id, 0)

	// Missing more than the window: no partial replay; the OnSubscribe
	// hook is told, so the feature can send a fresh snapshot instead.
	for i := range 10 {
		s.publish(t, id, "alert", fmt.Sprint("b", i))
	}
	_, cancel, done = subscribe()
	if recv(t, "the subscribe hook", resumed) {
		t.Fatal("resumed across a gap")
	}
	cancel()
	recv(t, "the client to return", done)

	// A foreign or garbage Last-Event-ID is not an error, just no replay.
	for _, bad := range []string{"zz-12", s.hub.idPrefix + "18446744073709551615"} {
		c := dialRaw(t, s.addr, id, map[string]string{"X-User": "5", "Last-Event-ID": bad})
		if c.resp.StatusCode != 200 || recv(t, "the subscribe hook", resumed) {
			t.Fatalf("Last-Event-ID %q resumed", bad)
		}
		c.conn.Close()
	}
}

// Clients resuming while a publisher is busy see every event exactly once:
// the splice of replay window and live events has no gap and no duplicate.
func TestResumeSplice(t *testing.T) {
	s := newServer(t, Options{ReplayEvents: 100000}, nil)
	id := "quotes-en-PETR4"
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			s.publish(t, id, "PETR4", strconv.Itoa(i))
			if i%16 == 0 {
				time.Sleep(100 * time.Microsecond)
			}
		}
	}()
	defer func() { close(stop); wg.Wait() }()

	lastID, lastN := "", -1
	for round := range 20 {
		hdr := map[string]string{}
		if lastID != "" {
			hdr["Last-Event-ID"] = lastID
		}
		c := dialRaw(t, s.addr, id, hdr)
		for range 20 {
			f := c.nextEvent(t)
			n, _ := strconv.Atoi(f.data[0])
			if lastN >= 0 && n != lastN+1 {
				t.Fatalf("round %d: got %d after %d", round, n, lastN)
			}
			lastID, lastN = f.id, n
		}
		c.conn.Close()
	}
}

// countingListener makes the server's socket buffers small so that a
// client that stops reading blocks the server's writes quickly.
type smallBufListener struct{ net.Listener }

func (l smallBufListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(8 << 10)
	}
	return c, err
}

// A client that stops reading never holds up the others: the healthy
// client gets every event (each within a generous deadline; a stream stalled
// behind the other client would get none), whether the stalled client is
// dropped (MaxPending reached) or kept.
func TestStalledReaderDoesNotDelayOthers(t *testing.T) {
	for _, c := range []struct {
		name       string
		maxPending int
		left       int // subscribers at the end
	}{{"dropped", 256 << 10, 1}, {"kept", 1 << 30, 2}} {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, Options{MaxPending: c.maxPending}, func(l net.Listener) net.Listener { return smallBufListener{l} })
			id := "quotes-en-PETR4"

			stalled, err := net.Dial("tcp", s.addr)
			if err != nil {
				t.Fatal(err)
			}
			defer stalled.Close()
			_ = stalled.(*net.TCPConn).SetReadBuffer(4 << 10)
			if _, err := io.WriteString(stalled, request(id, nil)); err != nil {
				t.Fatal(err)
			}
			healthy := dialRaw(t, s.addr, id, nil)
			s.waitSubs(t, id, 2)

			big := strings.Repeat("<td>0,00</td>", 32<<10/13) // ~32 KiB
			const n = 300                                     // ~10 MiB in all, far past every buffer
			var worst time.Duration
			for i := range n {
				start := time.Now()
				s.publish(t, id, "PETR4", fmt.Sprint(i, big))
				f := healthy.nextEvent(t)
				if !strings.HasPrefix(f.data[0], fmt.Sprint(i, "<td>")) {
					t.Fatalf("event %d: got %.20q", i, f.data[0])
				}
				worst = max(worst, time.Since(start))
			}
			// Speed is the benchmarks' business; this is for the log.
			t.Logf("worst publish-to-receive latency for the healthy client: %v", worst)
			s.waitSubs(t, id, c.left)
		})
	}
}

func TestShutdownEndsStreams(t *testing.T) {
	s := newServer(t, Options{}, nil)
	ids := []string{"quotes-en-PETR4", Room(1), User(5)}
	var raws []*rawClient
	for _, id := range ids {
		raws = append(raws, dialRaw(t, s.addr, id, map[string]string{"X-User": "5"}))
	}
	client := sse.NewClient(s.url("quotes-en-VALE3"))
	client.ReconnectStrategy = &backoff.StopBackOff{}
	clientDone := make(chan error, 1)
	go func() { clientDone <- client.SubscribeRaw(func(*sse.Event) {}) }()
	for _, id := range append(ids, "quotes-en-VALE3") {
		s.waitSubs(t, id, 1)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if err := s.hub.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("hub shutdown took %v", time.Since(start))
	for i, c := range raws {
		for {
			_, err := c.next(5 * time.Second)
			if err == io.EOF {
				break // the chunked body ended cleanly
			}
			if err != nil {
				t.Fatalf("stream %s: %v", ids[i], err)
			}
		}
	}
	select {
	case err := <-clientDone:
		if err != nil {
			t.Fatalf("r3labs client: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("r3labs client still streaming")
	}
	if got := s.hub.Active(""); len(got) != 0 {
		t.Fatalf("active after shutdown: %v", got)
	}
	resp, err := http.Get(s.url("quotes-en-PETR4"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("after shutdown: %d", resp.StatusCode)
	}
	if err := s.hub.Publish(context.Background(), Event{Stream: "quotes-en-PETR4", Data: "x"}); err != nil {
		t.Fatalf("publish after shutdown: %v", err)
	}
	if err := s.app.ShutdownWithTimeout(5 * time.Second); err != nil {
		t.Fatal(err)
	}
}

// A client that stopped reading (and is not dropped, thanks to a huge
// MaxPending) leaves the pump blocked in a write; Shutdown still ends it,
// after its short grace.
func TestShutdownCutsStalledClient(t *testing.T) {
	s := newServer(t, Options{MaxPending: 1 << 30}, func(l net.Listener) net.Listener { return smallBufListener{l} })
	id := "quotes-en-PETR4"
	stalled, err := net.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stalled.Close()
	_ = stalled.(*net.TCPConn).SetReadBuffer(4 << 10)
	if _, err := io.WriteString(stalled, request(id, nil)); err != nil {
		t.Fatal(err)
	}
	s.waitSubs(t, id, 1)
	big := strings.Repeat("<td>0,00</td>", 32<<10/13)
	for range 100 {
		s.publish(t, id, "PETR4", big)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if err := s.hub.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("shutdown with a stalled client took %v", time.Since(start))
	if n := s.hub.Subscribers(id); n != 0 {
		t.Fatalf("%d subscribers left", n)
	}
}

// Shutdown while a publisher is busy must neither deadlock nor fail.
func TestShutdownWhilePublishing(t *testing.T) {
	s := newServer(t, Options{}, nil)
	id := "quotes-en-PETR4"
	c := dialRaw(t, s.addr, id, nil)
	s.waitSubs(t, id, 1)
	stop := make(chan struct{})
	pubDone := make(chan struct{})
	go func() {
		defer close(pubDone)
		for {
			select {
			case <-stop:
				return
			default:
				_ = s.hub.Publish(context.Background(), Event{Stream: id, Name: "PETR4", Data: "x"})
			}
		}
	}()
	c.nextEvent(t)
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		done <- s.hub.Shutdown(ctx)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Shutdown hung")
	}
	close(stop)
	recv(t, "the publisher to stop", pubDone)
}

func TestHooksAndActive(t *testing.T) {
	s := newServer(t, Options{}, nil)
	var mu sync.Mutex
	var log []string
	s.hub.OnSubscribe(func(c Change) {
		mu.Lock()
		log = append(log, fmt.Sprintf("+%s=%d", c.Stream, c.Subscribers))
		mu.Unlock()
		// A hook may publish: the new subscriber gets this snapshot.
		_ = s.hub.Publish(context.Background(), Event{Stream: c.Stream, Name: "snap", Data: "snapshot"})
	})
	s.hub.OnUnsubscribe(func(c Change) {
		mu.Lock()
		log = append(log, fmt.Sprintf("-%s=%d", c.Stream, c.Subscribers))
		mu.Unlock()
	})
	a := dialRaw(t, s.addr, "quotes-en-PETR4_VALE3", nil)
	if f := a.nextEvent(t); f.event != "snap" {
		t.Fatalf("no snapshot: %+v", f)
	}
	b := dialRaw(t, s.addr, "quotes-en-PETR4_VALE3", nil)
	if f := b.nextEvent(t); f.event != "snap" {
		t.Fatalf("no snapshot: %+v", f)
	}
	c := dialRaw(t, s.addr, Room(2), map[string]string{"X-User": "1"})
	c.nextEvent(t)
	if got := strings.Join(s.hub.Active(QuotesPrefix), ","); got != "quotes-en-PETR4_VALE3" {
		t.Fatalf("Active(quotes) = %q", got)
	}
	if got := len(s.hub.Active("")); got != 2 {
		t.Fatalf("Active() = %d streams", got)
	}
	// Without heartbeats, closing is noticed on the next write.
	a.conn.Close()
	b.conn.Close()
	waitFor(t, "quote room to go idle", 5*time.Second, func() bool {
		s.publish(t, "quotes-en-PETR4_VALE3", "x", "poke")
		return len(s.hub.Active(QuotesPrefix)) == 0
	})
	mu.Lock()
	got := strings.Join(log, " ")
	mu.Unlock()
	for _, want := range []string{"+quotes-en-PETR4_VALE3=1", "+quotes-en-PETR4_VALE3=2", "+room-2=1", "-quotes-en-PETR4_VALE3=0"} {
		if !strings.Contains(got, want) {
			t.Errorf("hook log %q lacks %q", got, want)
		}
	}
}

// Nothing per client stays behind after many clients came and went: no
// goroutine of a subscription (ours or r3labs'), no subscriber, no r3labs
// stream. Waits on those conditions, with a generous deadline.
func TestNoLeakAfterManyClients(t *testing.T) {
	s := newServer(t, Options{Heartbeat: 20 * time.Millisecond}, nil)
	streams := []string{"quotes-en-PETR4", "quotes-pt-BR-PETR4", Room(1), User(5)}
	const workers, total = 4, 1000
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > total {
					return
				}
				c, err := dial(s.addr, streams[i%int64(len(streams))], map[string]string{"X-User": "5"})
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := c.next(5 * time.Second); err != nil { // the retry hint
					t.Error(err)
				}
				c.conn.Close()
			}
		}()
	}
	wg.Wait()
	waitFor(t, "all subscribers gone", 10*time.Second, func() bool { return len(s.hub.Active("")) == 0 })
	// Functions that run only for a live subscription.
	ours := []string{"live.(*Hub).serve", "live.(*Hub).pump", "sse.(*Server).ServeHTTP", "live.(*Hub).attach"}
	var stacks string
	waitFor(t, "subscription goroutines to end", 10*time.Second, func() bool {
		buf := make([]byte, 1<<20)
		stacks = string(buf[:runtime.Stack(buf, true)])
		for _, fn := range ours {
			if strings.Contains(stacks, fn) {
				return false
			}
		}
		return true
	})
	s.hub.mu.RLock()
	subs := len(s.hub.subs)
	s.hub.mu.RUnlock()
	if subs != 0 {
		t.Fatalf("%d subscribers still tracked", subs)
	}
	for _, id := range streams {
		if s.hub.srv.StreamExists(id) {
			t.Errorf("r3labs stream %s kept after its last subscriber", id)
		}
	}
}

func TestEmptyDataRejected(t *testing.T) {
	s := newServer(t, Options{}, nil)
	if err := s.hub.Publish(context.Background(), Event{Stream: "user-1"}); err != ErrEmptyData {
		t.Fatalf("got %v", err)
	}
}

// Shutdown's hard kill (after the grace, for clients that stopped reading)
// cannot cut another request: a stream owns its connection (hijacked from
// fasthttp), which closes when the stream ends, so no request ever follows
// a stream on it.
func TestShutdownSparesEndedStreamsConnections(t *testing.T) {
	s := newServer(t, Options{MaxPending: 1 << 30}, func(l net.Listener) net.Listener { return smallBufListener{l} })
	id := "quotes-en-PETR4"
	stalled, err := net.Dial("tcp", s.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer stalled.Close()
	_ = stalled.(*net.TCPConn).SetReadBuffer(4 << 10)
	if _, err := io.WriteString(stalled, request(id, nil)); err != nil {
		t.Fatal(err)
	}
	polite := dialRaw(t, s.addr, id, nil)
	s.waitSubs(t, id, 2)
	// The polite client reads its stream to the end, and then finds its
	// connection closed.
	ended := make(chan error, 1)
	go func() {
		for {
			_, err := polite.next(10 * time.Second)
			if err != nil {
				ended <- err
				return
			}
		}
	}()
	big := strings.Repeat("<td>0,00</td>", 32<<10/13)
	for range 100 { // far more than the stalled client's buffers take
		s.publish(t, id, "PETR4", big)
	}
	shutdown := make(chan error, 1)
	start := time.Now()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		shutdown <- s.hub.Shutdown(ctx)
	}()
	if err := <-ended; err != io.EOF {
		t.Fatalf("polite stream: %v, want its end", err)
	}
	select {
	case err := <-shutdown:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Shutdown hung")
	}
	t.Logf("shutdown took %v", time.Since(start))
	close(s.release)
	_ = polite.conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if n, err := polite.br.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("after its stream the connection gave %d bytes, %v; want it closed", n, err)
	}
}
