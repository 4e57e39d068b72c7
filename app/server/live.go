package server

import (
	"context"
	"fmt"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/data"
)

// catalogue answers the live rules from the database. The listed tickers are
// kept in memory, so a quote subscription costs a map lookup, not a query;
// Reload reads them again when staff change the assets (at once on this
// instance, within a minute on the others).
type catalogue struct {
	store *db.Store

	mu     sync.RWMutex
	listed map[string]bool
}

func newCatalogue(ctx context.Context, store *db.Store) (*catalogue, error) {
	c := &catalogue{store: store}
	if err := c.Reload(ctx); err != nil {
		return nil, fmt.Errorf("listed tickers: %w", err)
	}
	return c, nil
}

// Reload reads the assets again, and makes those the embedded lists lack
// (listed by staff) known to the rest of the app (data.Add).
func (c *catalogue) Reload(ctx context.Context) error {
	var all []db.Asset
	for _, m := range db.Markets {
		as, err := c.store.AllAssets(ctx, m)
		if err != nil {
			return err
		}
		all = append(all, as...)
	}
	listed := make(map[string]bool, len(all))
	extra := make([]data.Asset, 0, len(all))
	for _, a := range all {
		listed[a.Ticker] = true
		extra = append(extra, data.Asset{Ticker: a.Ticker, Name: a.Name, Sector: a.Sector, Market: a.Market})
	}
	data.Add(extra)
	c.mu.Lock()
	c.listed = listed
	c.mu.Unlock()
	return nil
}

func (c *catalogue) Listed(t string) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.listed[t]
}

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
