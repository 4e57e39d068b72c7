package web

import (
	"html/template"
	"sync"
)

// HTMLCache keeps rendered fragments by a key that names everything they
// show (a row's language and values; the navbar's user, count and token).
// Rendering is reflective template work, while the same bytes serve every
// view until the key changes. Bounded: past Max entries it starts over, as
// a miss only costs a render.
type HTMLCache struct {
	Max int // entries; 10,000 when zero

	mu sync.Mutex
	m  map[string]template.HTML
}

// Get returns the fragment kept for key, rendering and keeping it on a miss.
func (c *HTMLCache) Get(key string, render func() (template.HTML, error)) (template.HTML, error) {
	c.mu.Lock()
	h, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := render()
	if err != nil {
		return "", err
	}
	limit := c.Max
	if limit <= 0 {
		limit = 10_000
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= limit {
		c.m = map[string]template.HTML{}
	}
	c.m[key] = h
	c.mu.Unlock()
	return h, nil
}
