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
// r3labs/sse's ServeHTTP for one stream of a connection. It never blocks on
// the network: r3labs writes one frame and then calls Flush, and Flush only
// moves the frame into the connection's bounded queue and wakes the pump
// (Hub.pump), which does the real, possibly slow, writes. Because ServeHTTP
// therefore always drains its 64-slot channel promptly, r3labs' blocking
// fan-out never waits on a slow client.
type respWriter struct {
	header     http.Header
	registered chan struct{} // closed by WriteHeader(200): r3labs has added the subscriber
	regOnce    sync.Once

	frame *[]byte // the frame being written (pooled); only ServeHTTP's goroutine touches it

	// skip drops frames whose id is this hub's prefix followed by a seq <=
	// skipUpTo: they were already sent from the replay window.
	skipUpTo uint64

	q *queue
	i int // this stream's index in the connection's composite id
}

// queue holds a connection's whole frames waiting for the pump. When they
// would pass max bytes, the subscriber is dropped instead (overflow).
type queue struct {
	prefix string

	mu       sync.Mutex
	out      *[]byte  // pooled; nil while nothing is pending
	seen     []uint64 // per stream, the seq of the last event queued: the composite id
	max      int
	dead     bool
	overflow func()
	wake     chan struct{} // cap 1: "out has something"
}

func newQueue(prefix string, streams, max int, overflow func()) *queue {
	return &queue{prefix: prefix, seen: make([]uint64, streams), max: max, overflow: overflow, wake: make(chan struct{}, 1)}
}

func newRespWriter(q *queue, i int) *respWriter {
	return &respWriter{header: http.Header{}, registered: make(chan struct{}), q: q, i: i}
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

// bufs holds the buffers of frames being written and of frames waiting for
// the pump. An idle subscriber holds none: kept per subscriber, each would
// stay as big as its biggest frame, several KiB for every subscriber of a
// busy room (see doc.go); taken from and returned to a pool, they cost no
// allocation either.
var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

// putBuf returns b to the pool, unless a burst made it big.
func putBuf(b *[]byte) {
	if cap(*b) > 64<<10 {
		return
	}
	*b = (*b)[:0]
	bufs.Put(b)
}

func (w *respWriter) Write(p []byte) (int, error) {
	if w.frame == nil {
		w.frame = bufs.Get().(*[]byte)
	}
	*w.frame = append(*w.frame, p...)
	return len(p), nil
}

// Flush ends one frame.
func (w *respWriter) Flush() {
	if w.frame == nil {
		return
	}
	fb := w.frame
	w.frame = nil
	defer putBuf(fb)
	f := *fb
	if len(f) == 0 {
		return
	}
	seq, stamp, rest, ours := w.q.splitID(f)
	if ours && w.skipUpTo > 0 {
		if seq <= w.skipUpTo {
			return // already sent from the replay window
		}
		w.skipUpTo = 0 // events come in order: no more duplicates to look for
	}
	q := w.q
	q.mu.Lock()
	if q.dead {
		q.mu.Unlock()
		return
	}
	if q.out == nil {
		q.out = bufs.Get().(*[]byte)
	}
	out := *q.out
	if len(out)+len(f)+len(q.seen)*21 > q.max {
		q.dead = true
		q.out = nil
		q.mu.Unlock()
		q.overflow()
		return
	}
	if ours && len(q.seen) > 1 {
		q.seen[w.i] = seq
		out = append(out, stamp...)
		out = q.appendID(out)
		out = append(out, rest...)
	} else {
		out = append(out, f...)
	}
	*q.out = out
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// take hands the pending bytes (nil: none) to the pump, which gives the
// buffer back with putBuf once written.
func (q *queue) take() *[]byte {
	q.mu.Lock()
	b := q.out
	q.out = nil
	q.mu.Unlock()
	return b
}

// splitID reads frame f ([": t=<ms>\n"]"id: <prefix><seq>\n..."): the
// event's seq, the publish-time comment line before the id (if any) and the
// frame after its id line. ours is false for any other frame.
func (q *queue) splitID(f []byte) (seq uint64, stamp, rest []byte, ours bool) {
	r := f
	if bytes.HasPrefix(r, []byte(":")) {
		nl := bytes.IndexByte(r, '\n')
		if nl < 0 {
			return 0, nil, nil, false
		}
		stamp, r = f[:nl+1], r[nl+1:]
	}
	r, ok := bytes.CutPrefix(r, []byte("id: "))
	if !ok {
		return 0, nil, nil, false
	}
	r, ok = bytes.CutPrefix(r, []byte(q.prefix))
	if !ok {
		return 0, nil, nil, false
	}
	end := bytes.IndexByte(r, '\n')
	if end <= 0 || end > 20 {
		return 0, nil, nil, false
	}
	for _, c := range r[:end] {
		if c < '0' || c > '9' {
			return 0, nil, nil, false
		}
		seq = seq*10 + uint64(c-'0')
	}
	return seq, stamp, r[end:], true
}

// appendID appends the id line of the connection's next frame: with one
// stream its seq, with several every stream's last seq joined by dots, so
// that a Last-Event-ID resumes each stream from exactly where it was.
func (q *queue) appendID(b []byte) []byte {
	b = append(b, "id: "...)
	b = append(b, q.prefix...)
	for i, s := range q.seen {
		if i > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendUint(b, s, 10)
	}
	return b
}

// appendFrame appends replayed event seq of stream i, framed as the live
// one was (without the publish time).
func (q *queue) appendFrame(b []byte, i int, seq uint64, name, data string) []byte {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.seen[i] = seq
	b = append(q.appendID(b), '\n')
	return appendBody(b, []byte(name), []byte(data))
}

// appendFrame frames an event the way r3labs/sse does with SplitData on
// (id, one data line per line, event): the hub frames each live event with
// it once, and replays with it too, so a client cannot tell a replayed
// event from a live one.
func appendFrame(b []byte, id, name, data []byte) []byte {
	b = append(b, "id: "...)
	b = append(b, id...)
	b = append(b, '\n')
	return appendBody(b, name, data)
}

// appendBody appends an event's data lines, name and the blank line.
func appendBody(b, name, data []byte) []byte {
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
