package forum

import (
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
	room, err := h.room(c)
	if err != nil {
		return err
	}
	return h.renderRoom(c, fiber.StatusOK, room, &MessageForm{}, nil)
}

func (h *Handler) renderRoom(c *fiber.Ctx, status int, room *db.Room, f *MessageForm, errs forms.Errors) error {
	ctx := c.UserContext()
	after, ok := parseCursor(c.Query("before"))
	if !ok {
		return fiber.ErrNotFound
	}
	msgs, more, err := h.env.Store.RoomMessages(ctx, room.ID, after, PageSize)
	if err != nil {
		return err
	}
	data := fiber.Map{
		"Room": room, "Items": items(msgs, web.User(c).ID, false), "Form": f, "Errors": errs,
		"Older": after != nil,
	}
	if more {
		last := msgs[len(msgs)-1]
		data["More"] = fmt.Sprintf("/room/%d/?before=%s", room.ID, cursor(last))
	}
	// "Older messages" clicked with htmx: only the next page's rows.
	if after != nil && web.IsHTMX(c) {
		return h.env.Render(c, status, "partials/message_page", data)
	}
	participants, err := h.env.Store.Participants(ctx, room.ID)
	if err != nil {
		return err
	}
	data["Participants"] = participants
	data["Own"] = room.HostID == web.User(c).ID
	if after == nil {
		// Only the newest page grows live; an older page stays as it is.
		data["Stream"] = live.Room(room.ID)
		data["Event"] = Event(web.Locale(c))
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
