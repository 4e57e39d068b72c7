package forum

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// Room shows a room: its messages newest first, 50 a page, its participants
// and the post box. ?before= continues after the last message of a page.
func (h *Handler) Room(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	return h.renderRoom(c, fiber.StatusOK, id, &MessageForm{}, nil)
}

func (h *Handler) renderRoom(c *fiber.Ctx, status int, roomID int64, f *MessageForm, errs forms.Errors) error {
	after, ok := parseCursor(c.Query("before"))
	if !ok {
		return fiber.ErrNotFound
	}
	p, err := h.env.Store.LoadRoomPage(c.UserContext(), roomID, after, PageSize)
	if errors.Is(err, db.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	me := web.User(c)
	rows, err := h.renderRows(web.Locale(c), p.Messages, me.ID, false)
	if err != nil {
		return err
	}
	data := fiber.Map{
		"Room": p.Room, "Rows": rows, "Form": f, "Errors": errs,
		"Older": after != nil, "Participants": p.Participants, "Own": p.Room.HostID == me.ID,
	}
	if p.More {
		last := p.Messages[len(p.Messages)-1]
		data["More"] = fmt.Sprintf("/room/%d/?before=%s", roomID, cursor(last))
	}
	// "Older messages" clicked with htmx: only the next page's rows.
	if after != nil && web.IsHTMX(c) {
		return h.env.Render(c, status, "partials/message_page", data)
	}
	if after == nil {
		// Only the newest page grows live; an older page stays as it is.
		data["Stream"] = live.Room(roomID)
		data["Event"] = Event(web.Locale(c))
		data["PEvent"] = ParticipantsEvent(web.Locale(c))
		data["Removed"] = RemovedEvent
	}
	return h.env.Render(c, status, "pages/room", data)
}

// cursor encodes a message's keyset position: its time in Unix
// microseconds and its id.
func cursor(m db.Message) string {
	return strconv.FormatInt(m.CreatedAt.UnixMicro(), 10) + "-" + strconv.FormatInt(m.ID, 10)
}

// parseCursor reads ?before=; empty is the first page (nil), garbage is not ok.
func parseCursor(s string) (*db.Cursor, bool) {
	if s == "" {
		return nil, true
	}
	at, id, found := strings.Cut(s, "-")
	us, err1 := strconv.ParseInt(at, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if !found || err1 != nil || err2 != nil || n <= 0 {
		return nil, false
	}
	return &db.Cursor{At: time.UnixMicro(us).UTC(), ID: n}, true
}
