package server

import (
	"net"
	"sync"
	"time"

	"github.com/valyala/fasthttp"
)

// readGrace is how long a request still arriving at shutdown may take to
// finish arriving. fasthttp's shutdown waits for every open connection, and
// one whose request never completes kept it waiting for its whole timeout.
const readGrace = time.Second

// conns tracks the server's open connections so shutdown can bound their
// reads; handlers in flight keep writing as before.
type conns struct {
	mu      sync.Mutex
	open    map[net.Conn]struct{}
	closing time.Time // read deadline for every connection, once shutting down
}

// track is fasthttp's ConnState hook.
func (cs *conns) track(c net.Conn, state fasthttp.ConnState) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	switch state {
	case fasthttp.StateNew:
		if cs.open == nil {
			cs.open = map[net.Conn]struct{}{}
		}
		cs.open[c] = struct{}{}
		if !cs.closing.IsZero() {
			_ = c.SetReadDeadline(cs.closing) // accepted while shutting down
		}
	case fasthttp.StateHijacked, fasthttp.StateClosed:
		delete(cs.open, c)
	}
}

// endReads makes every read, now and on connections yet to be accepted,
// fail after readGrace, so fasthttp closes them instead of waiting.
func (cs *conns) endReads() {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.closing = time.Now().Add(readGrace)
	for c := range cs.open {
		_ = c.SetReadDeadline(cs.closing)
	}
}
