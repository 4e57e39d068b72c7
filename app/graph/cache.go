package graph

import (
	"container/list"
	"strings"
	"sync"
)

// cacheBytes bounds the rendered charts kept in memory. A chart is ~40–150 KB
// once long ranges are aggregated, so this holds a few hundred of them.
const cacheBytes = 16 << 20

// svgCache keeps rendered charts by ETag, bounded by their total size: the
// least recently used are evicted first. Counting entries is not enough, as
// one chart can be 50 times the size of another.
type svgCache struct {
	mu    sync.Mutex
	max   int                      // bytes
	size  int                      // bytes held now
	order *list.List               // front: most recently used
	items map[string]*list.Element // value: *cacheEntry
}

type cacheEntry struct {
	key string
	svg []byte
}

func newSVGCache(max int) *svgCache {
	return &svgCache{max: max, order: list.New(), items: map[string]*list.Element{}}
}

// get returns the chart for key and marks it recently used.
func (c *svgCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).svg, true
}

// put keeps svg under key, evicting the least recently used until the total
// fits. A chart larger than the whole bound is not kept.
func (c *svgCache) put(key string, svg []byte) {
	if len(svg) > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.size -= len(e.Value.(*cacheEntry).svg)
		c.order.Remove(e)
		delete(c.items, key)
	}
	for c.size+len(svg) > c.max {
		old := c.order.Back()
		ent := old.Value.(*cacheEntry)
		c.order.Remove(old)
		delete(c.items, ent.key)
		c.size -= len(ent.svg)
	}
	// The key outlives the request: never let it alias a request buffer.
	key = strings.Clone(key)
	c.items[key] = c.order.PushFront(&cacheEntry{key: key, svg: svg})
	c.size += len(svg)
}

// bytes is the total size held.
func (c *svgCache) bytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size
}

// maxETags bounds the request-to-ETag memo; past it the memo starts over (a
// miss only costs loading the bars).
const maxETags = 4096

// etagMemo remembers which chart (by ETag) a request key was last answered
// with, so a repeated request skips loading the bars.
type etagMemo struct {
	mu sync.Mutex
	m  map[string]string
}

func (e *etagMemo) get(key string) (string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	etag, ok := e.m[key]
	return etag, ok
}

func (e *etagMemo) put(key, etag string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.m == nil || len(e.m) >= maxETags {
		e.m = map[string]string{}
	}
	e.m[key] = etag
}
