package forum

import (
	"context"

	"github.com/stonks-b3/stonks/app/i18n"

	"github.com/stonks-b3/stonks/db"
)

// Profile is the forum's part of a user's profile page.
type Profile struct {
	Rooms    []db.Room
	Messages []Item
	Topics   []db.Topic
	// Removed: what staff removed of the user's, shown only to that user.
	Removed []db.ModerationNotice
}

// ProfileOf gathers the rooms a user hosts, their latest messages and the
// topics of their rooms, as viewerID sees them.
func ProfileOf(ctx context.Context, l *i18n.Locale, store *db.Store, userID, viewerID int64) (*Profile, error) {
	rooms, err := store.RoomsByHost(ctx, userID, 50)
	if err != nil {
		return nil, err
	}
	msgs, err := store.MessagesByUser(ctx, userID, 20)
	if err != nil {
		return nil, err
	}
	topics, err := store.TopicsByHost(ctx, userID)
	if err != nil {
		return nil, err
	}
	p := &Profile{Rooms: rooms, Messages: items(l, msgs, viewerID, true), Topics: topics}
	if userID == viewerID {
		if p.Removed, err = store.ModerationNotices(ctx, userID, 20); err != nil {
			return nil, err
		}
	}
	return p, nil
}
