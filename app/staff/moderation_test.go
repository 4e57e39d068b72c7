package staff_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

func TestModeratedDeleteTellsTheAuthor(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		w.ana.Header.Set("Accept-Language", "en")
		if r := w.boss.Post("/staff/messages/2/delete/", nil); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", r.StatusCode)
		}
		if r := w.ana.Get("/room/1/"); strings.Contains(r.Body, `id="message-2"`) {
			t.Error("the removed message is still in its room")
		}
		r := w.ana.Get("/profile/1/")
		if !strings.Contains(r.Body, "was removed by moderation") || !strings.Contains(r.Body, "buy ITUB4 now!!!") {
			t.Errorf("the author's profile does not say the message was removed by moderation:\n%s", r.Body)
		}
		if r := w.boss.Post("/staff/rooms/3/delete/", nil); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete room: %d", r.StatusCode)
		}
		if r := w.ana.Get("/room/3/"); r.StatusCode != http.StatusNotFound {
			t.Errorf("deleted room: %d", r.StatusCode)
		}
		if r := w.ana.Get("/profile/1/"); !strings.Contains(r.Body, "Sala FIIs") {
			t.Error("the host is not told the room was removed")
		}
		// Others do not see it.
		if r := w.boss.Get("/profile/1/"); strings.Contains(r.Body, "removed by moderation") {
			t.Error("another user sees the author's moderation notices")
		}
	})
}

func TestLockedRoomIsReadOnly(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		w.ana.Header.Set("Accept-Language", "en")
		w.boss.Post("/staff/rooms/1/lock/", nil)
		r := w.ana.Post("/room/1/", url.Values{"body": {"still here?"}})
		if r.StatusCode != http.StatusForbidden || !strings.Contains(r.Body, "locked by the moderators") {
			t.Fatalf("post in a locked room: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if r := w.ana.Get("/room/1/"); strings.Contains(r.Body, "still here?") || strings.Contains(r.Body, `id="message-form"`) {
			t.Error("a locked room took the message or still shows its post box")
		}
		w.boss.Post("/staff/rooms/1/unlock/", nil)
		if r := w.ana.Post("/room/1/", url.Values{"body": {"back again"}}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("post after unlock: %d", r.StatusCode)
		}
	})
}

func TestSuspendEndsSessionsAndRefusesLogin(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		var ended []string
		orig := srv.Env.SessionEnded
		srv.Env.SessionEnded = func(ctx context.Context, id string) error {
			ended = append(ended, id)
			if orig != nil {
				return orig(ctx, id)
			}
			return nil
		}
		// A second browser of ana's.
		other := apptest.NewClient(t, srv)
		if r := other.Post("/login/", url.Values{"username": {"ana"}, "password": {apptest.Password}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("login: %d", r.StatusCode)
		}
		if r := w.boss.Post("/staff/users/1/suspend/", nil); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("suspend: %d", r.StatusCode)
		}
		if len(ended) != 2 {
			t.Errorf("streams ended for %d sessions, want ana's 2", len(ended))
		}
		for _, c := range []*apptest.Client{w.ana, other} {
			if r := c.Get("/forum/"); !strings.HasPrefix(r.Header.Get("Location"), "/login/") {
				t.Errorf("suspended user's session still works: %d", r.StatusCode)
			}
		}
		login := apptest.NewClient(t, srv)
		login.Header.Set("Accept-Language", "en")
		r := login.Post("/login/", url.Values{"username": {"ana"}, "password": {apptest.Password}})
		if r.StatusCode != http.StatusForbidden || !strings.Contains(r.Body, "suspended") {
			t.Errorf("login while suspended: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		w.boss.Post("/staff/users/1/reinstate/", nil)
		if r := login.Post("/login/", url.Values{"username": {"ana"}, "password": {apptest.Password}}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("login after reinstate: %d", r.StatusCode)
		}
	})
}

func TestReportQueue(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		bia := apptest.NewClient(t, srv)
		bia.Register("bia")
		if r := bia.Get("/room/1/"); !strings.Contains(r.Body, `href="/report-message/1/"`) {
			t.Error("no report link on another's message")
		}
		if r := bia.PostRaw("/report-message/1/", url.Values{"reason": {"scam"}}); r.StatusCode != http.StatusForbidden {
			t.Errorf("report without CSRF: %d", r.StatusCode)
		}
		if r := bia.Post("/report-message/1/", url.Values{"reason": {" "}}); r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "reason") == "" {
			t.Errorf("empty reason: %d", r.StatusCode)
		}
		if r := bia.Post("/report-message/1/", url.Values{"reason": {"scam"}}); r.StatusCode != http.StatusOK {
			t.Errorf("report: %d", r.StatusCode)
		}
		r := w.boss.Get("/staff/reports/")
		if !strings.Contains(r.Body, "scam") || !strings.Contains(r.Body, "@bia") {
			t.Errorf("the queue does not list bia's report:\n%s", r.Body)
		}
		// Removing the message clears its reports from the queue.
		w.boss.Post("/staff/messages/1/delete/", url.Values{"back": {"/staff/reports/"}})
		if r := w.boss.Get("/staff/reports/"); strings.Contains(r.Body, "scam") {
			t.Error("a removed message's reports stay in the queue")
		}
	})
}

func TestTopicRenameAndMerge(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		if r := w.boss.Post("/staff/topics/1/rename/", url.Values{"name": {"AÇÕES"}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("rename onto another topic's name: %d", r.StatusCode)
		}
		if r := w.boss.Post("/staff/topics/1/merge/", url.Values{"into": {"2"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("merge: %d", r.StatusCode)
		}
		room, err := srv.Env.Store.RoomByID(context.Background(), 1)
		if err != nil || room.TopicName != "Ações" {
			t.Errorf("room 1 after merge: %+v %v", room, err)
		}
	})
}
