package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// The embedded default (the sim, SIM_SESSION=always) is open on a Saturday
// night: the tracker promises updates and does not say the market is
// closed. With SIM_SESSION=b3 the same moment is closed.
func TestDemoIsOpenOnWeekends(t *testing.T) {
	saturday := time.Date(2026, 11, 28, 22, 0, 0, 0, quotes.BRT)
	for _, session := range []string{"always", "b3"} {
		dbtest.Each(t, func(t *testing.T, store *db.Store) {
			cfg := apptest.Config(t)
			cfg.SimSession = session
			srv := apptest.New(t, store, &cfg)
			srv.Env.Now = func() time.Time { return saturday }
			c := apptest.NewClient(t, srv)
			c.Register("sabado_" + session)
			body := c.Get("/stocktracker?stockpicker=PETR4").Body
			open := strings.Contains(body, `class="market-open"`)
			closed := strings.Contains(body, `class="market-closed"`)
			if want := session == "always"; open != want || closed == want {
				t.Errorf("SIM_SESSION=%s on a Saturday night: open %v, closed %v", session, open, closed)
			}
		})
	}
}
