package live

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/r3labs/sse/v2"
)

// Options tune a Hub; zero fields take the defaults shown.
type Options struct {
	Heartbeat    time.Duration    // comment line sent to every client this often; 15s
	Retry        time.Duration    // reconnect delay hinted to browsers (retry:); 2s
	ReplayEvents int              // events kept per stream for Last-Event-ID; 64 (negative: none)
	ReplayTTL    time.Duration    // how long a stream's replay window outlives its last subscriber; 2m
	MaxPending   int              // bytes queued for one client before it is dropped; 256 KiB
	Now          func() time.Time // the clock session expiry is checked against; time.Now
	// SessionEnded, when set, is told each session that ended (on any
	// instance) as the hub learns it: the session cache forgets it.
	SessionEnded func(session string)
}

func (o *Options) defaults() {
	if o.Heartbeat <= 0 {
		o.Heartbeat = 15 * time.Second
	}
	if o.Retry <= 0 {
		o.Retry = 2 * time.Second
	}
	if o.ReplayEvents == 0 {
		o.ReplayEvents = 64
	}
	if o.ReplayEvents < 0 {
		o.ReplayEvents = 0
	}
	if o.ReplayTTL <= 0 {
		o.ReplayTTL = 2 * time.Minute
	}
	if o.MaxPending <= 0 {
		o.MaxPending = 256 << 10
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Change tells a subscribe/unsubscribe hook what happened.
type Change struct {
	Stream      string
	Viewer      Viewer
	Subscribers int  // local subscribers of Stream after the change
	Resumed     bool // on subscribe: Last-Event-ID was honoured from the replay window
}

// Hub owns the local subscribers of this instance. It receives events from
// a Broker and fans them out through r3labs/sse.
type Hub struct {
	opts       Options
	broker     Broker
	stopBroker func()
	srv        *sse.Server
	idPrefix   string // makes event ids unique to this hub, so a Last-Event-ID from another instance or run is ignored
	seq        atomic.Uint64

	rulesMu sync.RWMutex
	rules   map[string]Rule

	mu      sync.RWMutex
	streams map[string]*stream
	subs    map[*subscriber]struct{}
	onSub   []func(Change)
	onUnsub []func(Change)
	closed  bool
	// ended holds recently ended sessions, so a subscription that passed
	// its checks just before the logout cannot attach just after it.
	ended  map[string]time.Time
	facts  map[string]FactFunc
	resync []func(ctx context.Context)
	wg     sync.WaitGroup

	delivered atomic.Uint64 // events handed to local streams
	stop      chan struct{} // ends the janitor
}

// stream is the hub's state for one stream id: the replay window and the
// count of local subscribers. It outlives its last subscriber by ReplayTTL
// so that a client reconnecting after a blip can resume.
type stream struct {
	id   string
	refs atomic.Int32 // written under mu

	mu    sync.Mutex // orders publishing and subscribing on this stream
	ring  []entry    // circular replay window, allocated on the first event
	start int
	n     int
	floor uint64 // every event of this stream with seq > floor is in ring
	last  uint64 // seq of the stream's latest event
	idle  time.Time
	dead  bool // removed by the janitor; re-look it up
}

type entry struct {
	seq        uint64
	name, data string
}

// subscriber is one client connection. It may carry several streams
// (parts), each an r3labs subscriber of its own whose frames all land in the
// connection's one queue, drained by one pump.
type subscriber struct {
	parts  []*part
	viewer Viewer
	lastID string
	conn   net.Conn // nil in-process; used to unblock a stuck write
	ctx    context.Context
	cancel context.CancelFunc
	q      *queue
}

// part is one stream of a subscriber.
type part struct {
	stream string
	st     *stream
	w      *respWriter
	done   chan struct{} // ServeHTTP returned
}

// New starts a hub fed by b. Register stream kinds (Allow/AllowDefaults)
// before serving. Call Shutdown before the Fiber app's Shutdown.
func New(b Broker, o Options) (*Hub, error) {
	o.defaults()
	srv := sse.New()
	// AutoReplay keeps every event forever and replays all of it to each
	// new subscriber; we keep our own bounded window instead.
	srv.AutoReplay = false
	// AutoStream removes a stream when it looks empty, racing with a
	// subscriber joining it (which then blocks forever); we create and
	// remove streams ourselves under the stream's lock.
	srv.AutoStream = false
	// SplitData is unused: deliver frames each event itself (doc.go).
	var nonce [4]byte
	_, _ = rand.Read(nonce[:])
	h := &Hub{
		opts:     o,
		broker:   b,
		srv:      srv,
		idPrefix: strconv.FormatUint(uint64(binary.BigEndian.Uint32(nonce[:])), 36) + "-",
		streams:  map[string]*stream{},
		subs:     map[*subscriber]struct{}{},
		stop:     make(chan struct{}),
	}
	h.seq.Store(uint64(time.Now().UnixMicro()))
	stop, err := b.Subscribe(h.deliver)
	if err != nil {
		return nil, err
	}
	h.stopBroker = stop
	if r, ok := b.(Reconnector); ok {
		r.OnReconnect(h.runResync) // before anything newer is delivered
	}
	go h.janitor()
	return h, nil
}

// Publish validates ev and publishes it through the broker, to every
// instance's subscribers of ev.Stream.
func (h *Hub) Publish(ctx context.Context, ev Event) error {
	if err := ev.Validate(); err != nil {
		return err
	}
	return h.broker.Publish(ctx, ev)
}

// OnSubscribe adds a hook run after each local subscriber is registered
// (so an event it publishes reaches that subscriber), in the subscriber's
// goroutine. Register hooks before serving.
func (h *Hub) OnSubscribe(fn func(Change)) {
	h.mu.Lock()
	h.onSub = append(h.onSub, fn)
	h.mu.Unlock()
}

// OnUnsubscribe adds a hook run after each local subscriber leaves.
func (h *Hub) OnUnsubscribe(fn func(Change)) {
	h.mu.Lock()
	h.onUnsub = append(h.onUnsub, fn)
	h.mu.Unlock()
}

// Active returns, sorted, the ids starting with prefix that have at least
// one local subscriber right now.
func (h *Hub) Active(prefix string) []string {
	h.mu.RLock()
	var ids []string
	for id, st := range h.streams {
		if st.refs.Load() > 0 && strings.HasPrefix(id, prefix) {
			ids = append(ids, id)
		}
	}
	h.mu.RUnlock()
	slices.Sort(ids)
	return ids
}

// Stats returns the local subscribers now and the events handed to them
// since start (one per subscriber), for the metrics.
func (h *Hub) Stats() (subscribers int, delivered uint64) {
	h.mu.RLock()
	subscribers = len(h.subs)
	h.mu.RUnlock()
	return subscribers, h.delivered.Load()
}

// Subscribers returns the number of local subscribers of stream id.
func (h *Hub) Subscribers(id string) int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if st := h.streams[id]; st != nil {
		return int(st.refs.Load())
	}
	return 0
}

// sessionEnded is the broker's control stream: its events carry the id of
// a session that ended. No rule allows it, so nobody can subscribe to it.
const sessionEnded = "live-session-ended"

// EndSession ends the streams of session (see Viewer.Session) on every
// instance: call it on logout. It goes through the broker like an event.
func (h *Hub) EndSession(ctx context.Context, session string) error {
	if session == "" {
		return nil
	}
	return h.broker.Publish(ctx, Event{Stream: sessionEnded, Data: session})
}

// endSession ends this hub's subscribers of session.
func (h *Hub) endSession(session string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ended == nil {
		h.ended = map[string]time.Time{}
	}
	h.ended[session] = time.Now()
	for s := range h.subs {
		if s.viewer.Session == session {
			s.kill(false)
		}
	}
}

// deliver receives every event from the broker. Events for streams nobody
// here watched recently are dropped at the cost of a map lookup.
func (h *Hub) deliver(ev Event) {
	if ev.Validate() != nil {
		return
	}
	if ev.Stream == sessionEnded {
		h.endSession(ev.Data)
		if h.opts.SessionEnded != nil {
			h.opts.SessionEnded(ev.Data)
		}
		return
	}
	if kind, ok := strings.CutPrefix(ev.Stream, factPrefix); ok {
		h.fact(kind, ev.Data)
		return
	}
	h.mu.RLock()
	st := h.streams[ev.Stream]
	h.mu.RUnlock()
	if st == nil {
		return
	}
	data := ev.Data
	if strings.IndexByte(data, '\r') >= 0 {
		// Browsers end a line at \r too; make every line break a \n so
		// each line gets its own data: field.
		data = strings.ReplaceAll(strings.ReplaceAll(data, "\r\n", "\n"), "\r", "\n")
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.dead {
		return
	}
	seq := h.seq.Add(1)
	// The event is framed here, once for every subscriber of the stream
	// (see "Framing once" in doc.go): r3labs writes a comment-only event
	// as ": " + Comment + "\n\n" with a single Fprintf, so the whole frame
	// rides in Comment, behind the publish time (a comment line that lets
	// a load test measure publish-to-receive latency; browsers ignore it).
	f := append(make([]byte, 0, len(data)+len(ev.Name)+64), "t="...)
	f = strconv.AppendInt(f, time.Now().UnixMilli(), 10)
	f = append(f, '\n')
	f = appendFrame(f, strconv.AppendUint([]byte(h.idPrefix), seq, 10), []byte(ev.Name), []byte(data))
	se := &sse.Event{Comment: f[:len(f)-2]} // r3labs adds the frame's last "\n\n"
	st.last = seq
	if h.opts.ReplayEvents > 0 {
		if st.ring == nil {
			st.ring = make([]entry, h.opts.ReplayEvents)
		}
		if st.n == len(st.ring) {
			st.floor = st.ring[st.start].seq
			st.start = (st.start + 1) % len(st.ring)
			st.n--
		}
		st.ring[(st.start+st.n)%len(st.ring)] = entry{seq, ev.Name, data}
		st.n++
	} else {
		st.floor = seq
	}
	if n := st.refs.Load(); n > 0 {
		h.delivered.Add(uint64(n))
		// Queues on the r3labs stream (1024 slots). Its fan-out loop
		// only ever waits for ServeHTTP goroutines, which never wait on
		// the network (see respWriter), so this does not block on clients.
		h.srv.Publish(st.id, se)
	}
}

var (
	errNotRegistered = errors.New("live: r3labs did not register the subscriber")
	errSessionEnded  = errors.New("live: the subscriber's session has ended")
)

// attach counts part p of sub in, makes sure the r3labs stream exists,
// starts ServeHTTP and waits until r3labs has registered the subscriber, all
// under the stream's lock: events published before are appended to first
// (replayed, if the client's last id for this stream, when known, is inside
// the window), events after reach the subscriber live, and the few queued in
// between are dropped by respWriter as duplicates.
func (h *Hub) attach(sub *subscriber, i int, last uint64, known bool, first []byte) (_ []byte, resumed bool, err error) {
	p := sub.parts[i]
	var st *stream
	for {
		h.mu.Lock()
		if h.closed {
			h.mu.Unlock()
			return first, false, ErrClosed
		}
		if _, gone := h.ended[sub.viewer.Session]; gone && sub.viewer.Session != "" {
			h.mu.Unlock()
			return first, false, errSessionEnded
		}
		st = h.streams[p.stream]
		if st == nil {
			seq := h.seq.Load()
			st = &stream{id: p.stream, floor: seq, last: seq}
			h.streams[p.stream] = st
		}
		h.mu.Unlock()

		st.mu.Lock()
		if !st.dead {
			break
		}
		// The janitor removed it between the two locks; start over.
		st.mu.Unlock()
	}
	defer st.mu.Unlock()

	// What the client has of this stream, for the composite id: all of it
	// up to now (from the replay below, or from the snapshot the feature
	// sends when not resumed).
	sub.q.seen[i] = st.last
	if known && last >= st.floor && last <= st.last {
		resumed = true
		for j := range st.n {
			e := st.ring[(st.start+j)%len(st.ring)]
			if e.seq > last {
				first = sub.q.appendFrame(first, i, e.seq, e.name, e.data)
			}
		}
		// Events up to st.last may still sit in r3labs' queue; the client
		// has them already (replayed now, or seen before).
		p.w.skipUpTo = st.last
	}

	if st.refs.Add(1) == 1 {
		h.srv.CreateStream(st.id)
	}
	p.st = st
	req, _ := http.NewRequestWithContext(sub.ctx, http.MethodGet, "/sse?stream="+st.id, nil)
	go func() {
		defer close(p.done)
		h.srv.ServeHTTP(p.w, req)
	}()
	select {
	case <-p.w.registered:
		return first, resumed, nil
	case <-p.done:
		// Cannot happen while the stream exists; undo anyway.
		if st.refs.Add(-1) == 0 {
			h.srv.RemoveStream(st.id)
			st.idle = time.Now()
		}
		p.st = nil
		return first, false, errNotRegistered
	}
}

// detach runs after ServeHTTP returned, i.e. after r3labs removed the
// subscriber; only then may the r3labs stream go (removing it earlier
// would leave ServeHTTP's cleanup blocked forever on the dead stream).
func (h *Hub) detach(st *stream) int {
	st.mu.Lock()
	n := st.refs.Add(-1)
	if n == 0 {
		h.srv.RemoveStream(st.id)
		st.idle = time.Now()
	}
	st.mu.Unlock()
	return int(n)
}

func (h *Hub) forget(sub *subscriber) {
	h.mu.Lock()
	delete(h.subs, sub)
	h.mu.Unlock()
	h.wg.Done()
}

// parseIDs reads a Last-Event-ID of this hub: one seq per stream of the
// connection, joined by dots (a single stream's id is its plain seq).
func (h *Hub) parseIDs(s string, n int) ([]uint64, bool) {
	rest, ok := strings.CutPrefix(s, h.idPrefix)
	if !ok {
		return nil, false
	}
	seqs := make([]uint64, 0, n)
	for f := range strings.SplitSeq(rest, ".") {
		v, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return nil, false
		}
		seqs = append(seqs, v)
	}
	return seqs, len(seqs) == n
}

// janitor drops stream state whose last subscriber left more than
// ReplayTTL ago, so memory follows the set of watched streams.
func (h *Hub) janitor() {
	every := max(h.opts.ReplayTTL/4, 10*time.Millisecond)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-t.C:
			h.sweep(time.Now().Add(-h.opts.ReplayTTL))
		}
	}
}

func (h *Hub) sweep(before time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for id, at := range h.ended {
		if at.Before(before) {
			delete(h.ended, id)
		}
	}
	for id, st := range h.streams {
		if st.refs.Load() > 0 || !st.mu.TryLock() {
			continue
		}
		if st.refs.Load() == 0 && st.idle.Before(before) {
			st.dead = true
			delete(h.streams, id)
		}
		st.mu.Unlock()
	}
}

func (h *Hub) newSubscriber(ids []string, v Viewer, lastID string, conn net.Conn) *subscriber {
	sub := &subscriber{viewer: v, lastID: lastID, conn: conn}
	sub.ctx, sub.cancel = context.WithCancel(context.Background())
	sub.q = newQueue(h.idPrefix, len(ids), h.opts.MaxPending, func() { sub.kill(true) })
	sub.parts = make([]*part, len(ids))
	for i, id := range ids {
		sub.parts[i] = &part{stream: id, w: newRespWriter(sub.q, i), done: make(chan struct{})}
	}
	return sub
}

// kill ends the subscription: cancelling the request context makes r3labs
// deregister it and the pump return. hard also unblocks a write stuck on a
// client that stopped reading.
func (s *subscriber) kill(hard bool) {
	s.cancel()
	if hard && s.conn != nil {
		_ = s.conn.SetWriteDeadline(time.Now())
	}
}

// serve runs one subscription to its end, writing to out. It is the body
// of the hijacked connection's goroutine.
func (h *Hub) serve(out sink, sub *subscriber) {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		sub.cancel()
		return
	}
	h.subs[sub] = struct{}{}
	h.wg.Add(1)
	h.mu.Unlock()
	defer h.forget(sub)

	seqs, known := h.parseIDs(sub.lastID, len(sub.parts))
	first := append([]byte("retry: "), strconv.AppendInt(nil, h.opts.Retry.Milliseconds(), 10)...)
	first = append(first, "\n\n"...)
	resumed := make([]bool, len(sub.parts))
	var err error
	for i := range sub.parts {
		var last uint64
		if known {
			last = seqs[i]
		}
		if first, resumed[i], err = h.attach(sub, i, last, known, first); err != nil {
			break
		}
	}
	if err == nil {
		err = write(out, first)
		for i, p := range sub.parts {
			h.fire(true, Change{Stream: p.stream, Viewer: sub.viewer, Subscribers: int(p.st.refs.Load()), Resumed: resumed[i]})
		}
		if err == nil {
			h.pump(out, sub)
		}
	}
	sub.cancel()
	for _, p := range sub.parts {
		if p.st == nil {
			continue // not attached
		}
		<-p.done
		n := h.detach(p.st)
		h.fire(false, Change{Stream: p.stream, Viewer: sub.viewer, Subscribers: n})
	}
}

// pump copies frames from the subscriber's pending buffer to out and sends
// heartbeats, until the subscription is cancelled or a write fails (which
// is how a vanished client is noticed: at the latest on the next heartbeat)
// or, checked at each heartbeat, the viewer's session expired.
func (h *Hub) pump(out sink, sub *subscriber) {
	expires := sub.viewer.Expires
	t := time.NewTicker(h.opts.Heartbeat)
	defer t.Stop()
	for {
		select {
		case <-sub.ctx.Done():
			return
		case <-sub.q.wake:
			if sub.ctx.Err() != nil {
				return // ended (logout, shutdown) while frames were queued: send none of them
			}
			b := sub.q.take()
			if b == nil {
				continue
			}
			err := write(out, *b)
			putBuf(b)
			if err != nil {
				return
			}
		case <-t.C:
			if !expires.IsZero() && !h.opts.Now().Before(expires) {
				return
			}
			if write(out, heartbeat) != nil {
				return
			}
		}
	}
}

var heartbeat = []byte(": ping\n\n")

// writeChunk bounds each write. fasthttp's stream pipe queues up to four
// writes of any size before it blocks, so big writes would let a client
// that stopped reading pin several times MaxPending; small ones make the
// pump block (and pending bytes pile up where MaxPending counts them).
const writeChunk = 16 << 10

func write(out sink, b []byte) error {
	for len(b) > 0 {
		n := min(len(b), writeChunk)
		if _, err := out.Write(b[:n]); err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
		b = b[n:]
	}
	return nil
}

func (h *Hub) fire(sub bool, c Change) {
	h.mu.RLock()
	fns := h.onUnsub
	if sub {
		fns = h.onSub
	}
	h.mu.RUnlock()
	for _, fn := range fns {
		fn(c)
	}
}

// Shutdown ends every stream and stops taking new ones, waiting until all
// stream writers have returned or ctx is done. Call it before the Fiber
// app's Shutdown: fasthttp waits for open responses, and an SSE response
// never ends by itself. Clients that do not take the last bytes within a
// short grace are cut off.
func (h *Hub) Shutdown(ctx context.Context) error {
	h.mu.Lock()
	first := !h.closed
	if first {
		h.closed = true
		close(h.stop)
	}
	subs := make([]*subscriber, 0, len(h.subs))
	for s := range h.subs {
		subs = append(subs, s)
	}
	h.mu.Unlock()
	if first {
		// Not under h.mu: the broker may be inside deliver, which takes it.
		h.stopBroker()
	}
	for _, s := range subs {
		s.kill(false)
	}
	done := make(chan struct{})
	go func() {
		h.wg.Wait()
		close(done)
	}()
	grace := time.NewTimer(time.Second)
	defer grace.Stop()
	select {
	case <-done:
	case <-grace.C:
	case <-ctx.Done():
	}
	select {
	case <-done:
	default:
		// Someone is stuck writing to a client that does not read. Only
		// subscribers still here: one that ended has handed its connection
		// back to fasthttp, which may be serving another request on it
		// (keep-alive), and a write deadline would cut that one. forget
		// takes h.mu, so none ends while we are at it.
		h.mu.RLock()
		for s := range h.subs {
			s.kill(true)
		}
		h.mu.RUnlock()
		select {
		case <-done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	// Only now, with every subscriber gone, may the r3labs streams close.
	h.srv.Close()
	return nil
}

// Close is Shutdown without a deadline.
func (h *Hub) Close() error { return h.Shutdown(context.Background()) }
