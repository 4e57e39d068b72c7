package forum

import (
	"html/template"
	"sync"
)

// maxRows bounds the row cache; past it the cache starts over.
const maxRows = 20_000

// rows remembers rendered message rows. A message never changes once
// posted (it can only be deleted), so its row depends only on what rowKey
// holds; the age in words is part of the key, so a row is rendered again
// when "3 minutes ago" becomes "4 minutes ago". Rendering 50 rows through
// html/template is most of a room page's cost, and a busy room's newest
// page is read by everyone in it. Dropping the whole map when it is full is
// simpler than an LRU, and a miss only costs a render.
type rows struct {
	mu sync.Mutex
	m  map[rowKey]template.HTML
}

type rowKey struct {
	ID         int64
	Lang       string
	Mine, Feed bool
	Ago        string
	RoomName   string
}

func keyOf(it Item) rowKey {
	return rowKey{ID: it.ID, Lang: it.L.Code, Mine: it.Mine, Feed: it.Feed, Ago: it.Ago, RoomName: it.RoomName}
}

// renderRows returns each item's row, rendered by partials/message (html/template
// escapes it there) or taken from the cache.
func (h *Handler) renderRows(its []Item) ([]template.HTML, error) {
	out := make([]template.HTML, len(its))
	h.rows.mu.Lock()
	if h.rows.m == nil {
		h.rows.m = map[rowKey]template.HTML{}
	}
	for i, it := range its {
		out[i] = h.rows.m[keyOf(it)]
	}
	h.rows.mu.Unlock()
	for i, it := range its {
		if out[i] != "" {
			continue
		}
		s, err := h.env.RenderString("partials/message", it)
		if err != nil {
			return nil, err
		}
		out[i] = template.HTML(s) //nolint:gosec // output of html/template
		h.rows.mu.Lock()
		if len(h.rows.m) >= maxRows {
			h.rows.m = map[rowKey]template.HTML{}
		}
		h.rows.m[keyOf(it)] = out[i]
		h.rows.mu.Unlock()
	}
	return out, nil
}
