package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// status opens /sse?stream=id with c's cookies and returns the status,
// closing the stream at once.
func status(t *testing.T, base string, c *apptest.Client, id string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/sse?stream="+id, nil)
	if c != nil {
		u, _ := url.Parse("http://stonks.test")
		for _, ck := range c.Jar.Cookies(u) {
			req.AddCookie(ck)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Streams naming an unlisted ticker or a missing room are refused before
// streaming, so nothing unknown reaches the quote provider.
func TestStreamsForUnknownThingsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		f := apptest.NewFakeYahoo(t)
		cfg := apptest.Config(t)
		cfg.QuotesInterval = 50 * time.Millisecond
		srv := apptest.New(t, store, &cfg, f.Provider(t))
		base := apptest.Listen(t, srv)
		ana := apptest.NewClient(t, srv)
		ana.Register("ana")

		for _, id := range []string{"quotes-en-ZZZZ3_ZZZZ4", live.QuoteRoom("pt-BR", []string{"PETR4", "ZZZZ3"})} {
			if got := status(t, base, nil, id); got != http.StatusNotFound {
				t.Errorf("anonymous %s: %d, want 404", id, got)
			}
			if got := status(t, base, ana, id); got != http.StatusNotFound {
				t.Errorf("logged-in %s: %d, want 404", id, got)
			}
		}
		if got := status(t, base, ana, "room-987654"); got != http.StatusNotFound {
			t.Errorf("missing room: %d, want 404", got)
		}
		if got := status(t, base, nil, "room-987654"); got != http.StatusForbidden {
			t.Errorf("missing room, anonymous: %d, want 403 (visitors learn nothing)", got)
		}

		// The embed (public) and the tracker name only the listed tickers'
		// stream; the unlisted one is shown as not found.
		for _, c := range []*apptest.Client{apptest.NewClient(t, srv), ana} {
			page := "/embed/tracker?stockpicker=ZZZZ3,PETR4"
			if c == ana {
				page = "/stocktracker?stockpicker=ZZZZ3,PETR4"
			}
			body := c.Get(page).Body
			want := `sse-connect="/sse?stream=` + live.QuoteRoom("pt-BR", []string{"PETR4"})
			if !strings.Contains(body, want+`"`) && !strings.Contains(body, want+`&amp;stream=user-`) {
				t.Errorf("%s does not connect to PETR4's stream alone", page)
			}
			if only := c.Get(strings.Replace(page, "ZZZZ3,PETR4", "ZZZZ3", 1)).Body; strings.Contains(only, `sse-connect="/sse?stream=quotes-`) {
				t.Errorf("%s with only an unlisted ticker opens a stream", page)
			}
		}

		// The quote job polls what is watched: a listed room is polled, and
		// no request ever asked for more than its one ticker.
		stream := apptest.Subscribe(t, base, live.QuoteRoom("en", []string{"PETR4"}))
		if _, ok := stream.Next(10 * time.Second); !ok {
			t.Fatal("no PETR4 event")
		}
		for i, r := range f.Log() {
			if r.Symbols != 1 {
				t.Fatalf("request %d asked the provider for %d symbols, want PETR4 alone", i, r.Symbols)
			}
		}
	})
}

// Logging out ends the session's room and user streams: they end (EOF)
// and deliver nothing later.
func TestLogoutEndsStreams(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		srv := apptest.New(t, store, nil)
		base := apptest.Listen(t, srv)
		ctx := context.Background()
		ana := apptest.NewClient(t, srv)
		ana.Register("ana")
		u, err := store.UserByUsername(ctx, "ana")
		if err != nil {
			t.Fatal(err)
		}
		room := &db.Room{HostID: u.ID, Name: "Bancos", Description: "Itaú"}
		if err := store.CreateRoom(ctx, room, "Finanças", time.Now()); err != nil {
			t.Fatal(err)
		}
		jar, _ := url.Parse("http://stonks.test")
		cookies := ana.Jar.Cookies(jar)
		streams := map[string]*apptest.Stream{}
		for _, id := range []string{live.Room(room.ID), live.User(u.ID)} {
			streams[id] = apptest.Subscribe(t, base, id, cookies...)
		}
		apptest.Eventually(t, 10*time.Second, "both streams to be open", func() bool {
			return srv.Hub.Subscribers(live.Room(room.ID)) == 1 && srv.Hub.Subscribers(live.User(u.ID)) == 1
		})

		if r := ana.Post("/logout/", nil); r.StatusCode != http.StatusSeeOther && r.StatusCode != http.StatusFound {
			t.Fatalf("logout: %d", r.StatusCode)
		}
		for id := range streams {
			_ = srv.Hub.Publish(ctx, live.Event{Stream: id, Name: "late", Data: "after logout"})
		}
		for id, s := range streams {
			select {
			case ev, open := <-s.Events:
				if open {
					t.Errorf("%s delivered %q after logout", id, ev.Data)
				}
			case <-time.After(10 * time.Second):
				t.Errorf("%s still open 10s after logout", id)
			}
		}
	})
}
