package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

var roomPath = regexp.MustCompile(`^/room/[0-9]+/$`)

func newRoom(t *testing.T, c *apptest.Client, topic, name, desc string) (*apptest.Response, string) {
	t.Helper()
	r := c.Post("/create-room/", url.Values{"topic": {topic}, "name": {name}, "description": {desc}})
	loc := r.Header.Get("Location")
	if !roomPath.MatchString(loc) {
		loc = ""
	}
	return r, loc
}

// A NUL byte (or invalid UTF-8) in a text field made PostgreSQL refuse the
// insert: 500. Every form refuses it with 422 and writes nothing; every
// search treats it as no match.
func TestControlCharactersRefusedEverywhere(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ctx := context.Background()
		anon := apptest.NewClient(t, srv)
		if r := anon.Post("/register/", url.Values{"username": {"eve\x00"}, "email": {"eve@example.com"},
			"password1": {apptest.Password}, "password2": {apptest.Password}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("register with NUL in username: %d, want 422", r.StatusCode)
		}
		if r := anon.Post("/login/", url.Values{"username": {"ana\x00"}, "password": {"x"}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("login with NUL in username: %d, want 422", r.StatusCode)
		}

		c := apptest.NewClient(t, srv)
		c.Register("ana")
		for _, bad := range []string{"a\x00b", "a\xffb", "a\x1bb"} {
			for _, f := range [][3]string{{bad, "name", ""}, {"topic", bad, ""}, {"topic", "name", bad}} {
				if r, _ := newRoom(t, c, f[0], f[1], f[2]); r.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("create room %q: %d, want 422", f, r.StatusCode)
				}
			}
		}
		if _, n, err := srv.Env.Store.Rooms(ctx, "", 10); err != nil || n != 0 {
			t.Fatalf("refused rooms were written: %d (%v)", n, err)
		}
		_, room := newRoom(t, c, "Bancos", "Itaú", "")
		if room == "" {
			t.Fatal("valid room refused")
		}
		if r := c.Post(room, url.Values{"body": {"oi\x00"}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("message with NUL: %d, want 422", r.StatusCode)
		}
		if r := c.Post("/update-room/"+room[len("/room/"):], url.Values{"topic": {"Bancos"}, "name": {"x\x00"}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("update room with NUL: %d, want 422", r.StatusCode)
		}
		if r := c.Post("/create-alert/", url.Values{"email": {"ana@example.com\x00"}, "ativo": {"PETR4"}, "compra": {"10"},
			"periodo": {"5"}, "duracao": {"5"}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("alert with NUL: %d, want 422", r.StatusCode)
		}
		if r := c.Post("/create-carteira/", url.Values{"ativo": {"PETR4\x00"}, "preco_medio": {"10"}, "quantidade": {"1"}, "nota": {"1"}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("wallet item with NUL: %d, want 422", r.StatusCode)
		}
		for _, q := range []string{"%00", "a%00", "%FF"} {
			for _, p := range []string{"/forum/?q=", "/alerts/?q=", "/stockpicker/IBOV?q="} {
				if r := c.Get(p + q); r.StatusCode != http.StatusOK {
					t.Errorf("GET %s%s: %d, want 200 (no match)", p, q, r.StatusCode)
				}
			}
		}
	})
}

// Room names and messages made only of invisible characters looked empty on
// the page; bidi controls in a name made it read backwards.
func TestInvisibleTextRefused(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ctx := context.Background()
		c := apptest.NewClient(t, srv)
		c.Register("ana")
		for _, blank := range []string{"\u200b", "\u202e", "\u2800", "\u200b\u202e\u2800 \u3164", "\u00a0\u2060"} {
			for _, f := range [][3]string{{blank, "name", ""}, {"topic", blank, ""}, {"topic", "name", blank}} {
				if r, _ := newRoom(t, c, f[0], f[1], f[2]); r.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("create room %+q: %d, want 422", f, r.StatusCode)
				}
			}
		}
		if _, n, err := srv.Env.Store.Rooms(ctx, "", 10); err != nil || n != 0 {
			t.Fatalf("refused rooms were written: %d (%v)", n, err)
		}
		_, room := newRoom(t, c, "\u202eBancos", "Ita\u202eú\u2066", "")
		if room == "" {
			t.Fatal("a name with bidi controls and letters was refused")
		}
		rooms, _, err := srv.Env.Store.Rooms(ctx, "", 10)
		if err != nil || len(rooms) != 1 || rooms[0].Name != "Itaú" || rooms[0].TopicName != "Bancos" {
			t.Fatalf("rooms %+v (%v), want Itaú in Bancos without bidi controls", rooms, err)
		}
		for _, blank := range []string{"\u200b", "\u202e\u202e", "\u2800\u2800", "\u200d"} {
			if r := c.Post(room, url.Values{"body": {blank}}); r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("message %+q: %d, want 422", blank, r.StatusCode)
			}
		}
		if r := c.Post(room, url.Values{"body": {"\u2800 oi"}}); r.StatusCode != http.StatusSeeOther {
			t.Errorf("message with a visible character: %d, want 303", r.StatusCode)
		}
	})
}
