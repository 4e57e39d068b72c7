package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
)

// The navbar and footer are rendered once and cached (app/web/chrome.go):
// each page still shows its own user, unread count, language and links.
func TestPageChromeFollowsItsPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		ana, bob := apptest.NewClient(t, srv), apptest.NewClient(t, srv)
		ana.Header.Set("Accept-Language", "en")
		bob.Header.Set("Accept-Language", "en")
		ana.Register("ana")
		bob.Register("bob")
		for range 2 {
			if b := ana.Get("/forum/").Body; !strings.Contains(b, ">Hi, ana<") || strings.Contains(b, "bob") ||
				!strings.Contains(b, `value="`+ana.Cookie("stonks_csrf")+`"`) || !strings.Contains(b, "next=%2fforum%2f") {
				t.Fatalf("ana's /forum/ shows another navbar or footer:\n%s", b)
			}
			if b := bob.Get("/alerts/").Body; !strings.Contains(b, ">Hi, bob<") || strings.Contains(b, "ana") ||
				!strings.Contains(b, `value="`+bob.Cookie("stonks_csrf")+`"`) || !strings.Contains(b, "next=%2falerts%2f") {
				t.Fatalf("bob's /alerts/ shows another navbar or footer:\n%s", b)
			}
		}

		t.Log("a new notice shows in the bell at once")
		u, err := srv.Env.Store.UserByUsername(context.Background(), "ana")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		if _, err := srv.Env.Store.DB.NewInsert().Model(&db.AlertNotice{IdemKey: "k1", AlertID: 1, UserID: u.ID, Kind: "buy",
			Email: "ana@example.com", Ticker: "PETR4", Lang: "en", CreatedAt: now, NextAttemptAt: now}).Exec(context.Background()); err != nil {
			t.Fatal(err)
		}
		if b := ana.Get("/forum/").Body; !strings.Contains(b, `<span id="notice-count" class="count">1</span>`) {
			t.Fatalf("no unread count after a notice:\n%s", b)
		}

		t.Log("the language switch shows on the next page")
		ana.Header.Set("Accept-Language", "pt-BR")
		if b := ana.Get("/forum/").Body; !strings.Contains(b, ">Olá, ana<") || !strings.Contains(b, `hreflang="pt-BR" lang="pt-BR" aria-current="true"`) {
			t.Fatalf("the navbar or footer did not follow the language:\n%s", b)
		}
	})
}
