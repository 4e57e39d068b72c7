package forum

import (
	"html/template"
	"sync"

	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db"
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

// renderRows returns each message's row, rendered by partials/message
// (html/template escapes it there) or taken from the cache. A message is
// formatted (its body's links, its dates) only when its row is missing:
// formatting every body of the page on every view, to then throw it away
// for the cached row, cost more than the rest of the rows' work.
func (h *Handler) renderRows(l *i18n.Locale, msgs []db.Message, viewerID int64, feed bool) ([]template.HTML, error) {
	out := make([]template.HTML, len(msgs))
	keys := make([]rowKey, len(msgs))
	for i, m := range msgs {
		keys[i] = rowKey{ID: m.ID, Lang: l.Code, Mine: viewerID != 0 && m.UserID == viewerID, Feed: feed,
			Ago: l.Ago(m.CreatedAt), RoomName: m.RoomName}
	}
	h.rows.mu.Lock()
	if h.rows.m == nil {
		h.rows.m = map[rowKey]template.HTML{}
	}
	for i, k := range keys {
		out[i] = h.rows.m[k]
	}
	h.rows.mu.Unlock()
	var lb *labels
	for i, m := range msgs {
		if out[i] != "" {
			continue
		}
		if lb == nil {
			lb = labelsFor(l)
		}
		it := newItem(l, lb, m, viewerID, feed)
		it.Ago = keys[i].Ago // the minute may have turned since: the row must match its key
		s, err := h.env.RenderString("partials/message", it)
		if err != nil {
			return nil, err
		}
		out[i] = template.HTML(s) //nolint:gosec // output of html/template
		h.rows.mu.Lock()
		if len(h.rows.m) >= maxRows {
			h.rows.m = map[rowKey]template.HTML{}
		}
		h.rows.m[keys[i]] = out[i]
		h.rows.mu.Unlock()
	}
	return out, nil
}
