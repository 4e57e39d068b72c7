package forum

import (
	"html/template"

	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db"
)

// Item is one message as partials/message renders it, on the room page, in
// the recent-activity list, on profiles and in the live payload. Times and
// body are formatted here rather than in the template: a room page renders
// 50 of these, and each method call from a template goes through reflection.
type Item struct {
	L                  *i18n.Locale
	ID, UserID, RoomID int64
	Username, RoomName string
	Body               template.HTML
	Time, When, Ago    string // for <time datetime>, its title, its text ("3 minutes ago")
	Mine               bool   // the viewer wrote it: show its delete link
	Live               bool   // a live payload, the same for every viewer: its delete link comes hidden (see Event)
	Feed               bool   // listed outside its room: say which room
	Labels             *labels
}

// labels are the partial's fixed words, translated once per list.
type labels struct{ In, Delete, Report string }

func labelsFor(l *i18n.Locale) *labels {
	return &labels{In: l.T("in"), Delete: l.T("Delete"), Report: l.T("Report")}
}

func newItem(l *i18n.Locale, lb *labels, m db.Message, viewerID int64, feed bool) Item {
	return Item{Labels: lb,
		L: l, ID: m.ID, UserID: m.UserID, RoomID: m.RoomID, Username: m.Username, RoomName: m.RoomName,
		Body: formatBody(m.Body), Time: m.CreatedAt.UTC().Format("2006-01-02T15:04:05Z"),
		When: l.DateTime(m.CreatedAt), Ago: l.Ago(m.CreatedAt),
		Mine: viewerID != 0 && m.UserID == viewerID, Feed: feed,
	}
}

// formatBody is Format; a test counts its calls through it.
var formatBody = Format

func items(l *i18n.Locale, msgs []db.Message, viewerID int64, feed bool) []Item {
	out := make([]Item, len(msgs))
	lb := labelsFor(l)
	for i, m := range msgs {
		out[i] = newItem(l, lb, m, viewerID, feed)
	}
	return out
}
