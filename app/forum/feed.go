package forum

import (
	"context"
	"errors"
	"sync"

	"github.com/stonks-b3/stonks/db"
)

// feeds publish each room's new messages in their stored order, which is
// the order a reload shows. Parallel posts commit in that order (see
// db.Store.CreateMessage) but their handlers reach Publish in any order;
// so a handler does not publish its own message but drains the room's feed:
// under the room's lock, every message stored after the last one published,
// oldest first. Whoever drains first publishes the others' messages too.
//
// Only messages posted through this instance are published here (each
// instance publishes its own to every hub). A message that is not ours yet
// may belong to a post in flight here (stored, not drained yet), so while
// posts are in flight a drain stops at it, and the post's own drain goes
// on from there; with none in flight it is another instance's (or seed
// data), and the cursor moves past it.
type feeds struct {
	mu    sync.Mutex
	rooms map[int64]*feed
}

type feed struct {
	mu      sync.Mutex
	ready   bool
	last    db.Cursor      // the newest message of the room this feed has passed
	mine    map[int64]bool // posted here, not yet published
	pending int            // posts between start and drain
}

func (fs *feeds) room(id int64) *feed {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.rooms == nil {
		fs.rooms = map[int64]*feed{}
	}
	f := fs.rooms[id]
	if f == nil {
		f = &feed{mine: map[int64]bool{}}
		fs.rooms[id] = f
	}
	return f
}

// forget drops a deleted room's feed.
func (fs *feeds) forget(id int64) {
	fs.mu.Lock()
	delete(fs.rooms, id)
	fs.mu.Unlock()
}

// start must run before a message is stored, and drain after (also when
// storing failed). The first time, start puts the cursor at the room's
// newest message, so every message stored afterwards is drained.
func (f *feed) start(ctx context.Context, store *db.Store, roomID int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.ready {
		last, err := store.LastMessage(ctx, roomID)
		if err != nil {
			return err
		}
		f.last, f.ready = last, true
	}
	f.pending++
	return nil
}

// drainBatch is how many messages one query of a drain reads.
const drainBatch = 100

// drain publishes, oldest first, the messages of roomID stored after the
// cursor that were posted here, among them m (just stored by the caller;
// nil if storing failed).
func (f *feed) drain(ctx context.Context, store *db.Store, roomID int64, m *db.Message, publish func(db.Message) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pending--
	if m != nil {
		f.mine[m.ID] = true
	}
	if len(f.mine) == 0 {
		return nil // a failed post: nothing of ours waits
	}
	var errs []error
drain:
	for {
		batch, err := store.MessagesAfter(ctx, roomID, f.last, drainBatch)
		if err != nil {
			errs = append(errs, err)
			break
		}
		for _, x := range batch {
			switch {
			case f.mine[x.ID]:
				delete(f.mine, x.ID)
				errs = append(errs, publish(x))
			case f.pending > 0:
				break drain // perhaps a post in flight here: its drain goes on
			}
			f.last = db.Cursor{At: x.CreatedAt, ID: x.ID}
		}
		if len(batch) < drainBatch {
			break
		}
	}
	// Not found after the cursor: deleted already, or stored behind it (a
	// clock stepping back). Better out of order than never.
	if m != nil && f.mine[m.ID] && !f.after(m) {
		delete(f.mine, m.ID)
		errs = append(errs, publish(*m))
	}
	return errors.Join(errs...)
}

// after reports whether m is stored after the cursor (so a later drain will
// publish it).
func (f *feed) after(m *db.Message) bool {
	return m.CreatedAt.After(f.last.At) || m.CreatedAt.Equal(f.last.At) && m.ID > f.last.ID
}
