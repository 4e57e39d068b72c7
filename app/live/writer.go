package live

import (
	"bytes"
	"net/http"
	"strconv"
	"sync"
)

// sink is where a subscriber's bytes finally go: fasthttp's *bufio.Writer
// for a real client, a counter in the benchmark.
type sink interface {
	Write(p []byte) (int, error)
	Flush() error
}

// respWriter is the http.ResponseWriter + http.Flusher handed to
// r3labs/sse's ServeHTTP. It never blocks on the network: r3labs writes
// one frame and then calls Flush, and Flush only moves the frame into a
// bounded pending buffer and wakes the pump (Hub.pump), which does the
// real, possibly slow, writes. Because ServeHTTP therefore always drains
// its 64-slot channel promptly, r3labs' blocking fan-out never waits on a
// slow client. When the pending buffer would pass its limit, the
// subscriber is dropped instead (overflow).
type respWriter struct {
	header     http.Header
	registered chan struct{} // closed by WriteHeader(200): r3labs has added the subscriber
	regOnce    sync.Once

	frame []byte // the frame being written; only ServeHTTP's goroutine touches it

	// skip drops frames whose id is this hub's prefix followed by a seq <=
	// skipUpTo: they were already sent from the replay window.
	prefix   string
	skipUpTo uint64

	mu       sync.Mutex
	out      []byte // whole frames waiting for the pump
	max      int
	dead     bool
	overflow func()
	wake     chan struct{} // cap 1: "out has something"
}

func newRespWriter(prefix string, max int, overflow func()) *respWriter {
	return &respWriter{
		header:     http.Header{},
		registered: make(chan struct{}),
		prefix:     prefix,
		max:        max,
		overflow:   overflow,
		wake:       make(chan struct{}, 1),
	}
}

func (w *respWriter) Header() http.Header { return w.header }

// WriteHeader is called by ServeHTTP right after it registered the
// subscriber with the stream; the hub waits for it (see Hub.attach).
// Status and headers themselves were already set on the fasthttp response.
func (w *respWriter) WriteHeader(code int) {
	if code == http.StatusOK {
		w.regOnce.Do(func() { close(w.registered) })
	}
}

func (w *respWriter) Write(p []byte) (int, error) {
	w.frame = append(w.frame, p...)
	return len(p), nil
}

// Flush ends one frame.
func (w *respWriter) Flush() {
	f := w.frame
	w.frame = w.frame[:0]
	if len(f) == 0 || w.skipUpTo > 0 && w.replayed(f) {
		return
	}
	w.mu.Lock()
	if w.dead {
		w.mu.Unlock()
		return
	}
	if len(w.out)+len(f) > w.max {
		w.dead = true
		w.out = nil
		w.mu.Unlock()
		w.overflow()
		return
	}
	w.out = append(w.out, f...)
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// take swaps the pending bytes for spare (an empty buffer to reuse).
func (w *respWriter) take(spare []byte) []byte {
	w.mu.Lock()
	b := w.out
	w.out = spare
	w.mu.Unlock()
	return b
}

// replayed reports (and remembers, once past them) whether frame f ("id: <prefix><seq>\n...") carries an
// event already sent from the replay window.
func (w *respWriter) replayed(f []byte) bool {
	rest, ok := bytes.CutPrefix(f, []byte("id: "))
	if !ok {
		return false
	}
	rest, ok = bytes.CutPrefix(rest, []byte(w.prefix))
	if !ok {
		return false
	}
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return false
	}
	seq, err := strconv.ParseUint(string(rest[:end]), 10, 64)
	if err != nil {
		return false
	}
	if seq > w.skipUpTo {
		w.skipUpTo = 0 // events come in order: no more duplicates to look for
		return false
	}
	return true
}

// appendFrame frames a replayed event exactly as r3labs/sse does with
// SplitData on (id, one data line per line, event), so a client cannot
// tell a replayed event from a live one.
func appendFrame(b []byte, id, name, data []byte) []byte {
	b = append(b, "id: "...)
	b = append(b, id...)
	b = append(b, '\n')
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		b = append(b, "data: "...)
		b = append(b, line...)
		b = append(b, '\n')
	}
	if len(name) > 0 {
		b = append(b, "event: "...)
		b = append(b, name...)
		b = append(b, '\n')
	}
	return append(b, '\n')
}
