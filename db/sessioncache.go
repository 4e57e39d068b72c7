package db

import (
	"sync"
	"time"
)

// sessionCache keeps what SessionUser read, keyed by the session's token
// hash, for a few seconds: every logged-in page starts with that lookup.
// An entry holds the session's expiry, so an expired session is refused at
// once; the Store's own writes to a user or session drop the entries they
// touch, and ForgetSession / ForgetUser let other instances' writes (the
// hub's "session ended" facts) do the same. What is left stale is a change
// to a user made on another instance without ending a session (e-mail,
// staff flag), for at most the TTL.
type sessionCache struct {
	ttl time.Duration
	mu  sync.Mutex
	// gen counts invalidations: a lookup that read the database before one
	// must not store what it read (it may predate the change).
	gen     uint64
	entries map[string]cachedSession
}

type cachedSession struct {
	sess   Session // without User
	user   User
	stored time.Time
}

// EnableSessionCache makes SessionUser answer from memory for ttl after it
// read a session (ttl ≤ 0: off, every lookup is a query).
func (s *Store) EnableSessionCache(ttl time.Duration) {
	if ttl <= 0 {
		s.sessions = nil
		return
	}
	s.sessions = &sessionCache{ttl: ttl, entries: map[string]cachedSession{}}
}

// get returns copies of the cached session and user, so a handler that
// changes its user never changes another request's.
func (c *sessionCache) get(hash string, now time.Time) (*Session, *User, bool) {
	c.mu.Lock()
	e, ok := c.entries[hash]
	if ok && (now.Before(e.stored) || now.Sub(e.stored) >= c.ttl || !e.sess.ExpiresAt.After(now)) {
		delete(c.entries, hash)
		ok = false
	}
	c.mu.Unlock()
	if !ok {
		return nil, nil, false
	}
	sess, u := e.sess, e.user
	sess.User = &u
	return &sess, &u, true
}

func (c *sessionCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put stores what a lookup read, unless something was invalidated since
// the lookup began (gen).
func (c *sessionCache) put(hash string, sess *Session, u *User, gen uint64, now time.Time) {
	e := cachedSession{sess: *sess, user: *u, stored: now}
	e.sess.User = nil
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	if len(c.entries) >= maxCachedSessions {
		clear(c.entries) // crude, but bounded: a burst of logins cannot grow it
	}
	c.entries[hash] = e
}

// maxCachedSessions bounds the cache's memory (~300 bytes an entry).
const maxCachedSessions = 100_000

// ForgetSession drops a session from this instance's cache: it ended
// (here or on another instance).
func (s *Store) ForgetSession(tokenHash string) {
	if c := s.sessions; c != nil {
		c.mu.Lock()
		c.gen++
		delete(c.entries, tokenHash)
		c.mu.Unlock()
	}
}

// ForgetUser drops every cached session of userID: the user changed (rare:
// it reads the whole cache).
func (s *Store) ForgetUser(userID int64) {
	if c := s.sessions; c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.gen++
		for h, e := range c.entries {
			if e.user.ID == userID {
				delete(c.entries, h)
			}
		}
	}
}
