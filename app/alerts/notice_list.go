package alerts

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// NoticeRow is one notice as pages/notifications lists it.
type NoticeRow struct {
	db.AlertNotice
	Text   string
	Unread bool // not seen before this page view
}

// Notices lists the user's own notices, newest first, and marks them read:
// the navbar counts the notices the user has not seen here. The list is
// read before the marking, so it still shows which ones are new. Older
// notices than the page lists are marked too, or the count could never
// reach zero.
func (h *Handler) Notices(c *fiber.Ctx) error {
	me := web.User(c)
	ns, err := h.env.Store.NoticesOfUser(c.UserContext(), me.ID, db.MaxNoticesShown)
	if err != nil {
		return err
	}
	l := web.Locale(c)
	rows := make([]NoticeRow, len(ns))
	unread := false
	for i, n := range ns {
		rows[i] = NoticeRow{AlertNotice: n, Text: Describe(l, n), Unread: n.ReadAt == nil}
		unread = unread || rows[i].Unread
	}
	if unread {
		if err := h.env.Store.MarkNoticesRead(c.UserContext(), me.ID, ns[0].ID, h.env.Now()); err != nil {
			return err
		}
	}
	return h.env.Render(c, fiber.StatusOK, "pages/notifications", fiber.Map{"Title": "Notifications", "Notices": rows})
}
