package forum

import (
	"html/template"

	"github.com/stonks-b3/stonks/db"
)

// Item is one message as partials/message renders it, on the room page, in
// the recent-activity list, on profiles and in the live payload.
type Item struct {
	M    db.Message
	Body template.HTML
	Mine bool // the viewer wrote it: show its delete link
	Feed bool // listed outside its room: say which room
}

func items(msgs []db.Message, viewerID int64, feed bool) []Item {
	out := make([]Item, len(msgs))
	for i, m := range msgs {
		out[i] = Item{M: m, Body: Format(m.Body), Mine: m.UserID == viewerID, Feed: feed}
	}
	return out
}
