package staff_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

// A moderated delete leaves open room pages like an author's delete does,
// and suspending a user ends their open streams at once.
func TestModerationReachesOpenStreams(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		base := apptest.Listen(t, srv)
		u, _ := url.Parse("http://stonks.test")
		var cookies []*http.Cookie
		for _, c := range w.ana.Jar.Cookies(u) {
			cookies = append(cookies, &http.Cookie{Name: c.Name, Value: c.Value})
		}
		st := apptest.Subscribe(t, base, "room-1", cookies...)
		if r := w.boss.Post("/staff/messages/2/delete/", nil); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", r.StatusCode)
		}
		for {
			ev, ok := st.Next(10 * time.Second)
			if !ok {
				t.Fatal("no removal event within 10s")
			}
			if ev.Name == "message-removed" {
				if ev.Data != `<li id="message-2" hx-swap-oob="delete"></li>` {
					t.Fatalf("removal event: %q", ev.Data)
				}
				break
			}
		}
		if r := w.boss.Post("/staff/users/1/suspend/", nil); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("suspend: %d", r.StatusCode)
		}
		deadline := time.After(10 * time.Second)
		for {
			select {
			case _, ok := <-st.Events:
				if !ok {
					return // the stream ended
				}
			case <-deadline:
				t.Fatal("the suspended user's stream is still open after 10s")
			}
		}
	})
}
