package forum

import (
	"context"
	"errors"
	"fmt"

	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/db"
)

// Event is the name of the live event that carries a new message rendered
// in language l. A room's stream (live.Room) is one for all its viewers; the
// message is published once per language and each page listens (sse-swap)
// only to its own language's event, so "just now" and the absolute time in
// the <time> title are in the viewer's language.
//
// The payload goes to every viewer alike (one render per language, on every
// instance, whoever looks), so it cannot know whether the viewer is the
// author. It carries the delete link hidden, in a row marked with the
// author's id (data-author); stonks.js reveals it when that id is the
// page's user (data-user-id on .page). Pages cannot do this in CSS alone:
// the CSP allows no inline style to hold the viewer's id. A hidden link
// gives nobody else anything: the route refuses everyone but the author.
// Without JavaScript the room page reloads (noscript refresh) and shows
// the author's link from the server.
func Event(l *i18n.Locale) string { return "message-" + l.Code }

// RemovedEvent names the live event that takes a deleted message off every
// open page: its data is only an out-of-band swap that deletes the row.
const RemovedEvent = "message-removed"

// ParticipantsEvent names the live event carrying a room's participants
// list in language l, sent when someone posts there for the first time.
func ParticipantsEvent(l *i18n.Locale) string { return "participants-" + l.Code }

// Live facts of the forum. Instances tell each other what happened, by id
// ("message N was posted in room R"); each reads the row and renders it
// for its own viewers, once per language.
const (
	PostedFact       = "message-posted"  // "R N"
	RemovedFact      = "message-removed" // "R N"
	ParticipantsFact = "participants"    // "R"
)

// listen registers the forum's ends of its facts.
func (h *Handler) listen() {
	h.streams.OnFact(PostedFact, h.onPosted)
	h.streams.OnFact(RemovedFact, h.onRemoved)
	h.streams.OnFact(ParticipantsFact, h.onParticipants)
	h.streams.OnSubscribe(h.watch)
	h.streams.OnResync(h.resync)
}

// publish tells every instance that m was posted.
func (h *Handler) publish(ctx context.Context, m db.Message) error {
	return h.streams.Fact(ctx, PostedFact, fmt.Sprintf("%d %d", m.RoomID, m.ID))
}

// publishRemoved tells every instance that m is gone.
func (h *Handler) publishRemoved(ctx context.Context, m *db.Message) error {
	return h.streams.Fact(ctx, RemovedFact, fmt.Sprintf("%d %d", m.RoomID, m.ID))
}

// Removed is how staff's removal of a message reaches live viewers: the
// same path as an author's delete.
func (h *Handler) Removed(ctx context.Context, m *db.Message) error { return h.publishRemoved(ctx, m) }

// RoomRemoved forgets a room staff deleted.
func (h *Handler) RoomRemoved(id int64) { h.feeds.forget(id) }

// publishParticipants tells every instance that a room's participants changed.
func (h *Handler) publishParticipants(ctx context.Context, roomID int64) error {
	return h.streams.Fact(ctx, ParticipantsFact, fmt.Sprint(roomID))
}

// watched reports whether this instance keeps room's stream (viewers, or a
// replay window for viewers reconnecting): other rooms' facts cost no query.
func (h *Handler) watched(room int64) bool { return h.streams.Known(live.Room(room)) }

func (h *Handler) onPosted(ctx context.Context, data string) {
	var room, id int64
	if _, err := fmt.Sscan(data, &room, &id); err != nil || !h.watched(room) {
		return
	}
	m, err := h.env.Store.MessageByID(ctx, id)
	if err != nil {
		if !errors.Is(err, db.ErrNotFound) { // deleted meanwhile: nothing to show
			h.env.Log.Warn("forum: message fact", "message", id, "err", err)
		}
		return
	}
	if h.delivered(m) {
		h.show(*m)
	}
}

// show sends m to this instance's viewers of its room, once per language.
func (h *Handler) show(m db.Message) {
	for _, l := range i18n.Locales {
		it := newItem(l, labelsFor(l), m, 0, false)
		it.Live = true
		html, err := h.env.RenderString("partials/message", it)
		if err == nil {
			err = h.streams.Local(live.Event{Stream: live.Room(m.RoomID), Name: Event(l), Data: html})
		}
		if err != nil {
			h.env.Log.Warn("forum: message fact", "message", m.ID, "err", err)
		}
	}
}

func (h *Handler) onRemoved(_ context.Context, data string) {
	var m db.Message
	if _, err := fmt.Sscan(data, &m.RoomID, &m.ID); err != nil || !h.watched(m.RoomID) {
		return
	}
	html, err := h.env.RenderString("partials/message_removed", &m)
	if err == nil {
		err = h.streams.Local(live.Event{Stream: live.Room(m.RoomID), Name: RemovedEvent, Data: html})
	}
	if err != nil {
		h.env.Log.Warn("forum: removal fact", "message", m.ID, "err", err)
	}
}

func (h *Handler) onParticipants(ctx context.Context, data string) {
	var room int64
	if _, err := fmt.Sscan(data, &room); err != nil || !h.watched(room) {
		return
	}
	ps, err := h.env.Store.Participants(ctx, room)
	if err != nil {
		h.env.Log.Warn("forum: participants fact", "room", room, "err", err)
		return
	}
	for _, l := range i18n.Locales {
		html, err := h.env.RenderString("partials/participants", map[string]any{"L": l, "Participants": ps})
		if err == nil {
			err = h.streams.Local(live.Event{Stream: live.Room(room), Name: ParticipantsEvent(l), Data: html})
		}
		if err != nil {
			h.env.Log.Warn("forum: participants fact", "room", room, "err", err)
		}
	}
}
