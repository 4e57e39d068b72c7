package quotes

import (
	"sync"
	"time"
)

// Breaker states.
const (
	stateClosed   = "closed"
	stateOpen     = "open"
	stateHalfOpen = "half-open"
)

// breaker is a small consecutive-failure circuit breaker. When the upstream
// is down we fail fast instead of stacking timeouts on every SSE tick; after
// the cool-down a single probe request decides whether to close again.
type breaker struct {
	threshold int
	cooldown  time.Duration
	now       func() time.Time

	mu       sync.Mutex
	state    string
	fails    int
	openedAt time.Time
	probing  bool
}

func newBreaker(threshold int, cooldown time.Duration, now func() time.Time) *breaker {
	return &breaker{threshold: threshold, cooldown: cooldown, now: now, state: stateClosed}
}

// allow reports whether a request may go upstream. In half-open only one
// probe is in flight at a time; everyone else fails fast.
func (b *breaker) allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch b.state {
	case stateOpen:
		if b.now().Sub(b.openedAt) < b.cooldown {
			return false
		}
		b.state = stateHalfOpen
		b.probing = true
		return true
	case stateHalfOpen:
		if b.probing {
			return false
		}
		b.probing = true
		return true
	}
	return true
}

func (b *breaker) success() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.state, b.fails, b.probing = stateClosed, 0, false
}

func (b *breaker) failure() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fails++
	if b.state == stateHalfOpen || b.fails >= b.threshold {
		b.state, b.openedAt = stateOpen, b.now()
	}
	b.probing = false
}

// abort ends a request that gave no verdict on upstream health (the caller
// cancelled), so a half-open breaker may probe again.
func (b *breaker) abort() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.probing = false
}

func (b *breaker) State() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.state == stateOpen && b.now().Sub(b.openedAt) >= b.cooldown {
		return stateHalfOpen
	}
	return b.state
}
