package forum

import (
	"context"
	"strconv"
	"strings"
	"sync"

	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/db"
)

// shown remembers, per room viewed on this instance, the newest message
// delivered to its viewers, so that after the broker lost notifications
// (its connection dropped) the messages posted meanwhile are sent from the
// database instead of never (resync).
type shown struct {
	mu     sync.Mutex
	rooms  map[int64]db.Cursor
	resent map[int64]bool // delivered by the last resync: their late facts are not shown twice
}

// watch starts following a room when its first viewer here subscribes.
func (h *Handler) watch(c live.Change) {
	rest, ok := strings.CutPrefix(c.Stream, live.RoomPrefix)
	if !ok || c.Subscribers != 1 {
		return
	}
	room, err := strconv.ParseInt(rest, 10, 64)
	if err != nil {
		return
	}
	h.shown.mu.Lock()
	_, known := h.shown.rooms[room]
	h.shown.mu.Unlock()
	if known {
		return
	}
	last, err := h.env.Store.LastMessage(context.Background(), room)
	if err != nil {
		return
	}
	h.shown.mu.Lock()
	if _, known := h.shown.rooms[room]; !known {
		if h.shown.rooms == nil {
			h.shown.rooms = map[int64]db.Cursor{}
		}
		h.shown.rooms[room] = last
	}
	h.shown.mu.Unlock()
}

// delivered records m as shown; it reports false when a resync sent it already.
func (h *Handler) delivered(m *db.Message) bool {
	h.shown.mu.Lock()
	defer h.shown.mu.Unlock()
	if h.shown.resent[m.ID] {
		delete(h.shown.resent, m.ID)
		return false
	}
	if h.shown.rooms == nil {
		h.shown.rooms = map[int64]db.Cursor{}
	}
	if cur := h.shown.rooms[m.RoomID]; m.CreatedAt.After(cur.At) || m.CreatedAt.Equal(cur.At) && m.ID > cur.ID {
		h.shown.rooms[m.RoomID] = db.Cursor{At: m.CreatedAt, ID: m.ID}
	}
	return true
}

// resync sends each room's messages stored after the last one shown. The
// broker runs it before delivering anything newer.
func (h *Handler) resync(ctx context.Context) {
	h.shown.mu.Lock()
	defer h.shown.mu.Unlock()
	h.shown.resent = map[int64]bool{}
	for room, cur := range h.shown.rooms {
		if !h.watched(room) {
			delete(h.shown.rooms, room)
			continue
		}
		for range 10 { // at most 10 batches: past that a reload is the cure
			msgs, err := h.env.Store.MessagesAfter(ctx, room, cur, drainBatch)
			if err != nil {
				h.env.Log.Warn("forum: resync", "room", room, "err", err)
				break
			}
			for _, m := range msgs {
				h.show(m)
				h.shown.resent[m.ID] = true
				cur = db.Cursor{At: m.CreatedAt, ID: m.ID}
			}
			if len(msgs) < drainBatch {
				break
			}
		}
		h.shown.rooms[room] = cur
	}
}
