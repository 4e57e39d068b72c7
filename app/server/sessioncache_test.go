package server_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// Sessions are cached in each instance for a few seconds; a session that
// ends on one instance (logout, suspension) must be refused on every other
// at once, not when the cache entry expires. The clocks stand still, so a
// cache entry never expires by itself here.
func TestSessionEndsOnEveryInstance(t *testing.T) {
	if !dbtest.HavePostgres(t) {
		t.Skip("TEST_DATABASE_URL is not set: two instances share PostgreSQL")
	}
	dsn := dbtest.PostgresURL(t)
	now := time.Now() // frozen from here on (the cookie jar checks expiry against the real clock)
	var srvs []*server.Server
	for i := range 2 {
		store, err := db.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		if i == 0 {
			if _, err := store.Migrate(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		srv := apptest.New(t, store, nil)
		srv.Env.Now = func() time.Time { return now }
		srvs = append(srvs, srv)
	}
	a, b := srvs[0], srvs[1]
	base, _ := url.Parse("http://stonks.test")
	// on is a browser on srv holding cl's cookies.
	on := func(srv *server.Server, cl *apptest.Client) *apptest.Client {
		other := apptest.NewClient(t, srv)
		other.Jar.SetCookies(base, cl.Jar.Cookies(base))
		return other
	}
	loggedIn := func(cl *apptest.Client) bool {
		t.Helper()
		r := cl.Get("/carteira")
		return r.StatusCode == http.StatusOK
	}

	t.Log("logout on A refuses the cookie on B, which had it cached")
	eve := apptest.NewClient(t, a)
	eve.Register("eve")
	eveOnB := on(b, eve)
	if !loggedIn(eveOnB) || !loggedIn(eve) {
		t.Fatal("eve is not logged in on both instances")
	}
	eve.Post("/logout/", nil)
	apptest.Eventually(t, wait, "eve's cookie to be refused on B", func() bool { return !loggedIn(on(b, eveOnB)) })

	t.Log("a user suspended on A is refused at once on A and soon after on B")
	fred := apptest.NewClient(t, a)
	fred.Register("fred")
	if !loggedIn(on(b, fred)) || !loggedIn(on(a, fred)) {
		t.Fatal("fred is not logged in on both instances")
	}
	u, err := a.Env.Store.UserByUsername(context.Background(), "fred")
	if err != nil {
		t.Fatal(err)
	}
	// What the staff page does (staff.Handler.Suspend).
	ended, err := a.Env.Store.Suspend(context.Background(), db.Actor{Name: "test"}, u.ID, true, now)
	if err != nil {
		t.Fatal(err)
	}
	if loggedIn(on(a, fred)) {
		t.Error("fred, suspended on A, is still logged in on A")
	}
	for _, s := range ended {
		if err := a.Env.SessionEnded(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	apptest.Eventually(t, wait, "fred's cookie to be refused on B", func() bool { return !loggedIn(on(b, fred)) })
}
