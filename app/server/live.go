package server

import (
	"context"
	"fmt"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// catalogue answers the live rules from the database. The listed tickers
// are read once: migrations seed them and nothing changes them at run time,
// so every quote subscription costs a map lookup, not a query.
type catalogue struct {
	store  *db.Store
	listed map[string]bool
}

func newCatalogue(ctx context.Context, store *db.Store) (*catalogue, error) {
	tickers, err := store.Tickers(ctx)
	if err != nil {
		return nil, fmt.Errorf("listed tickers: %w", err)
	}
	c := &catalogue{store: store, listed: make(map[string]bool, len(tickers))}
	for _, t := range tickers {
		c.listed[t] = true
	}
	return c, nil
}

func (c *catalogue) Listed(t string) bool { return c.listed[t] }

func (c *catalogue) RoomExists(ctx context.Context, n int64) (bool, error) {
	return c.store.RoomExists(ctx, n)
}

// viewer tells the live rules who asks, and which session the stream
// belongs to (so that logout and expiry end it).
func viewer(c *fiber.Ctx) live.Viewer {
	u := web.User(c)
	if u == nil {
		return live.Viewer{}
	}
	session, expires, _ := web.Session(c)
	return live.Viewer{UserID: u.ID, LoggedIn: true, Session: session, Expires: expires}
}
