package forum

import (
	"context"
	"errors"

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
// The payload goes to every viewer alike, so it carries nothing that
// depends on who looks: no delete link (Mine is false). The author sees the
// delete link once the page is reloaded; the route checks authorship anyway.
func Event(l *i18n.Locale) string { return "message-" + l.Code }

// RemovedEvent names the live event that takes a deleted message off every
// open page: its data is only an out-of-band swap that deletes the row.
const RemovedEvent = "message-removed"

// publishRemoved tells a room's viewers that a message is gone.
func (h *Handler) publishRemoved(ctx context.Context, m *db.Message) error {
	html, err := h.env.RenderString("partials/message_removed", m)
	if err != nil {
		return err
	}
	return h.streams.Publish(ctx, live.Event{Stream: live.Room(m.RoomID), Name: RemovedEvent, Data: html})
}

// ParticipantsEvent names the live event carrying a room's participants
// list in language l, sent when someone posts there for the first time.
func ParticipantsEvent(l *i18n.Locale) string { return "participants-" + l.Code }

// publishParticipants sends a room's participants list to its viewers.
func (h *Handler) publishParticipants(ctx context.Context, roomID int64) error {
	ps, err := h.env.Store.Participants(ctx, roomID)
	if err != nil {
		return err
	}
	var errs []error
	for _, l := range i18n.Locales {
		html, err := h.env.RenderString("partials/participants", map[string]any{"L": l, "Participants": ps})
		if err != nil {
			return err
		}
		errs = append(errs, h.streams.Publish(ctx, live.Event{Stream: live.Room(roomID), Name: ParticipantsEvent(l), Data: html}))
	}
	return errors.Join(errs...)
}

// publish sends a new message to everyone viewing its room.
func (h *Handler) publish(ctx context.Context, m db.Message) error {
	var errs []error
	for _, l := range i18n.Locales {
		html, err := h.env.RenderString("partials/message", newItem(l, labelsFor(l), m, 0, false))
		if err != nil {
			return err
		}
		errs = append(errs, h.streams.Publish(ctx, live.Event{Stream: live.Room(m.RoomID), Name: Event(l), Data: html}))
	}
	return errors.Join(errs...)
}
