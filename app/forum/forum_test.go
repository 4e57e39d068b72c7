package forum_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
)

// member registers a user whose pages are in English.
func member(t *testing.T, srv *server.Server, name string) (*apptest.Client, *db.User) {
	t.Helper()
	c := apptest.NewClient(t, srv)
	c.Header.Set("Accept-Language", "en")
	c.Register(name)
	u, err := srv.Env.Store.UserByUsername(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return c, u
}

var roomURL = regexp.MustCompile(`^/room/([0-9]+)/$`)

// createRoom creates a room through the form and returns its id.
func createRoom(t *testing.T, c *apptest.Client, topic, name, desc string) int64 {
	t.Helper()
	r := c.Post("/create-room/", url.Values{"topic": {topic}, "name": {name}, "description": {desc}})
	m := roomURL.FindStringSubmatch(r.Header.Get("Location"))
	if r.StatusCode != http.StatusSeeOther || m == nil {
		t.Fatalf("create room: %d to %q %v", r.StatusCode, r.Header.Get("Location"), apptest.FieldErrors(r.Body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

func path(format string, id int64) string { return fmt.Sprintf(format, id) }

func room(t *testing.T, srv *server.Server, id int64) *db.Room {
	t.Helper()
	r, err := srv.Env.Store.RoomByID(context.Background(), id)
	if err != nil {
		t.Fatalf("room %d: %v", id, err)
	}
	return r
}

func countRooms(t *testing.T, srv *server.Server) int {
	t.Helper()
	_, n, err := srv.Env.Store.Rooms(context.Background(), "", 1)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func countTopics(t *testing.T, srv *server.Server) int {
	t.Helper()
	ts, err := srv.Env.Store.Topics(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	return len(ts)
}

func messages(t *testing.T, srv *server.Server, roomID int64) []db.Message {
	t.Helper()
	ms, _, err := srv.Env.Store.RoomMessages(context.Background(), roomID, nil, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func TestRoomCreateUpdateDelete(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, _ := member(t, srv, "ana")
		id := createRoom(t, ana, "Dividendos", "Melhores pagadoras de 2026", "Quem paga mais?")
		page := ana.Get(path("/room/%d/", id))
		for _, want := range []string{"<h1>Melhores pagadoras de 2026</h1>", "Quem paga mais?", ">Dividendos</a>", `href="/profile/`, "@ana",
			path(`href="/update-room/%d/"`, id), path(`href="/delete-room/%d/"`, id), "sse-connect=\"/sse?stream=room-" + strconv.FormatInt(id, 10) + `&amp;stream=user-`} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("room page lacks %s", want)
			}
		}
		// An existing topic is picked whatever its case; a new one is created.
		createRoom(t, ana, "dividendos", "Outra", "")
		if n := countTopics(t, srv); n != 1 {
			t.Fatalf("%d topics after reusing \"dividendos\", want 1", n)
		}

		r := ana.Post(path("/update-room/%d/", id), url.Values{"topic": {"FIIs"}, "name": {"Renda mensal"}, "description": {"Fundos"}})
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != path("/room/%d/", id) {
			t.Fatalf("update: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if got := room(t, srv, id); got.Name != "Renda mensal" || got.TopicName != "FIIs" || got.Description != "Fundos" {
			t.Fatalf("after update: %+v", got)
		}
		if r := ana.Get(path("/update-room/%d/", id)); !strings.Contains(r.Body, `value="Renda mensal"`) || !strings.Contains(r.Body, `value="FIIs"`) {
			t.Fatal("update form is not filled in")
		}

		if r := ana.Get(path("/delete-room/%d/", id)); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, path(`action="/delete-room/%d/" method="post"`, id)) {
			t.Fatalf("delete confirmation: %d", r.StatusCode)
		}
		room(t, srv, id) // GET did not delete
		if r := ana.Post(path("/delete-room/%d/", id), nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/forum/" {
			t.Fatalf("delete: %d", r.StatusCode)
		}
		if r := ana.Get(path("/room/%d/", id)); r.StatusCode != http.StatusNotFound {
			t.Fatalf("deleted room: %d, want 404", r.StatusCode)
		}
	})
}

// Another user tries every host-only and author-only action: 403, nothing changes.
func TestOthersCannotTouch(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, _ := member(t, srv, "ana")
		bia, _ := member(t, srv, "bia")
		id := createRoom(t, ana, "Bancos", "Itaú", "desc")
		ana.Post(path("/room/%d/", id), url.Values{"body": {"minha mensagem"}})
		msg := messages(t, srv, id)[0]

		// The author sees the delete link (and her rows are rendered first, so
		// a row cache that ignored the viewer would show it to bia too).
		if page := ana.Get(path("/room/%d/", id)); !strings.Contains(page.Body, path(`href="/delete-message/%d/"`, msg.ID)) {
			t.Fatal("the author does not see her message's delete link")
		}
		if page := bia.Get(path("/room/%d/", id)); strings.Contains(page.Body, "/update-room/") || strings.Contains(page.Body, "/delete-room/") || strings.Contains(page.Body, "/delete-message/") {
			t.Error("another user sees the host's edit/delete links or the author's delete link")
		}
		for _, p := range []string{path("/update-room/%d/", id), path("/delete-room/%d/", id), path("/delete-message/%d/", msg.ID)} {
			if r := bia.Get(p); r.StatusCode != http.StatusForbidden {
				t.Errorf("GET %s by another user: %d, want 403", p, r.StatusCode)
			}
			form := url.Values{"topic": {"x"}, "name": {"hacked"}, "description": {""}}
			if r := bia.Post(p, form); r.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s by another user: %d, want 403", p, r.StatusCode)
			}
		}
		if got := room(t, srv, id); got.Name != "Itaú" || got.TopicName != "Bancos" {
			t.Fatalf("room changed by another user: %+v", got)
		}
		if ms := messages(t, srv, id); len(ms) != 1 {
			t.Fatal("message deleted by another user")
		}
		// The room's host is not the message's author either.
		bia.Post(path("/room/%d/", id), url.Values{"body": {"da bia"}})
		biaMsg := messages(t, srv, id)[0]
		if r := ana.Post(path("/delete-message/%d/", biaMsg.ID), nil); r.StatusCode != http.StatusForbidden {
			t.Errorf("host deleting another's message: %d, want 403", r.StatusCode)
		}
		// The author can.
		if r := bia.Get(path("/delete-message/%d/", biaMsg.ID)); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "da bia") {
			t.Fatalf("delete-message confirmation: %d", r.StatusCode)
		}
		if r := bia.Post(path("/delete-message/%d/", biaMsg.ID), nil); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != path("/room/%d/", id) {
			t.Fatalf("author deletes: %d", r.StatusCode)
		}
		if ms := messages(t, srv, id); len(ms) != 1 || ms[0].ID != msg.ID {
			t.Fatalf("after delete: %v", ms)
		}

		for _, p := range []string{"/room/999999/", "/room/abc/", "/update-room/999999/", "/delete-room/999999/", "/delete-message/999999/", "/room/0/"} {
			if r := ana.Get(p); r.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", p, r.StatusCode)
			}
			if r := ana.Post(p, url.Values{"body": {"x"}, "topic": {"x"}, "name": {"x"}}); r.StatusCode != http.StatusNotFound {
				t.Errorf("POST %s: %d, want 404", p, r.StatusCode)
			}
		}
		if n := countRooms(t, srv); n != 1 {
			t.Fatalf("%d rooms, want 1", n)
		}
	})
}

func TestCSRFRequired(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, _ := member(t, srv, "ana")
		id := createRoom(t, ana, "Bancos", "Itaú", "")
		ana.Post(path("/room/%d/", id), url.Values{"body": {"oi"}})
		msg := messages(t, srv, id)[0]
		form := url.Values{"topic": {"x"}, "name": {"changed"}, "body": {"sem token"}}
		for _, p := range []string{"/create-room/", path("/room/%d/", id), path("/update-room/%d/", id), path("/delete-room/%d/", id), path("/delete-message/%d/", msg.ID)} {
			if r := ana.PostRaw(p, form); r.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s without CSRF: %d, want 403", p, r.StatusCode)
			}
		}
		if got := room(t, srv, id); got.Name != "Itaú" || countRooms(t, srv) != 1 || len(messages(t, srv, id)) != 1 {
			t.Fatal("a POST without CSRF token changed something")
		}
	})
}

func TestRoomValidation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, _ := member(t, srv, "ana")
		id := createRoom(t, ana, "Bancos", "Itaú", "")
		form := func(topic, name, desc string) url.Values {
			return url.Values{"topic": {topic}, "name": {name}, "description": {desc}}
		}
		cases := []struct {
			name, field, want string
			form              url.Values
		}{
			{"no name", "name", "This field is required.", form("Novo tópico", "   ", "")},
			{"long name", "name", "Ensure this value has at most 80 characters.", form("Novo tópico", strings.Repeat("ç", 81), "")},
			{"long description", "description", "Ensure this value has at most 5,000 characters.", form("Novo tópico", "ok", strings.Repeat("é", 5001))},
			{"no topic", "topic", "This field is required.", form(" ", "ok", "")},
			{"long topic", "topic", "Ensure this value has at most 40 characters.", form(strings.Repeat("ã", 41), "ok", "")},
		}
		for _, tc := range cases {
			for _, p := range []string{"/create-room/", path("/update-room/%d/", id)} {
				r := ana.Post(p, tc.form)
				if r.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("%s %s: status %d, want 422", p, tc.name, r.StatusCode)
				}
				if got := apptest.FieldError(r.Body, tc.field); got != tc.want {
					t.Errorf("%s %s: message next to %s = %q, want %q", p, tc.name, tc.field, got, tc.want)
				}
			}
		}
		if n, topics := countRooms(t, srv), countTopics(t, srv); n != 1 || topics != 1 {
			t.Fatalf("after bad forms: %d rooms, %d topics; want 1, 1 (nothing written)", n, topics)
		}
		if got := room(t, srv, id); got.Name != "Itaú" {
			t.Fatalf("bad update changed the room: %+v", got)
		}
		// The limits themselves are fine, counted in characters.
		createRoom(t, ana, strings.Repeat("ã", 40), strings.Repeat("ç", 80), strings.Repeat("é", 5000))
	})
}

func TestPostMessage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, _ := member(t, srv, "ana")
		bia, biaUser := member(t, srv, "bia")
		id := createRoom(t, ana, "Bancos", "Itaú", "")
		roomPath := path("/room/%d/", id)
		if page := bia.Get(roomPath); !strings.Contains(page.Body, "Nobody has posted yet.") {
			t.Fatal("an empty room should say nobody posted")
		}

		r := bia.Post(roomPath, url.Values{"body": {"  Comprei mais ITUB4  "}})
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != roomPath {
			t.Fatalf("post: %d to %q", r.StatusCode, r.Header.Get("Location"))
		}
		page := bia.Get(roomPath)
		if !strings.Contains(page.Body, `<div class="message-body">Comprei mais ITUB4</div>`) {
			t.Fatal("the message is not on the room page, trimmed")
		}
		if !strings.Contains(page.Body, path(`<li><a href="/profile/%d/">@bia</a></li>`, biaUser.ID)) {
			t.Fatal("the poster is not listed among participants")
		}
		if !strings.Contains(page.Body, ">just now</time>") {
			t.Fatal("the message time is not shown as 'just now'")
		}

		for _, body := range []string{"", "   \n\t ", strings.Repeat("x", 2001)} {
			r := bia.Post(roomPath, url.Values{"body": {body}})
			if r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "body") == "" {
				t.Errorf("body of %d chars: %d %v, want 422 with a message", len(body), r.StatusCode, apptest.FieldErrors(r.Body))
			}
		}
		if n := len(messages(t, srv, id)); n != 1 {
			t.Fatalf("%d messages after bad posts, want 1", n)
		}
		if r := bia.Post(roomPath, url.Values{"body": {" " + strings.Repeat("x", 2000) + " "}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("2000 characters: %d", r.StatusCode)
		}

		// With htmx the answer is the post box, empty again, not a page.
		bia.Header.Set("HX-Request", "true")
		r = bia.Post(roomPath, url.Values{"body": {"via htmx"}})
		if r.StatusCode != http.StatusOK || !strings.HasPrefix(strings.TrimSpace(r.Body), `<form class="message-form"`) ||
			!strings.Contains(r.Body, "></textarea>") || strings.Contains(r.Body, "<html") {
			t.Fatalf("htmx post: %d\n%s", r.StatusCode, r.Body)
		}
		r = bia.Post(roomPath, url.Values{"body": {"  "}})
		if r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "body") != "This field is required." || strings.Contains(r.Body, "<html") {
			t.Fatalf("htmx bad post: %d\n%s", r.StatusCode, r.Body)
		}
		if n := len(messages(t, srv, id)); n != 3 {
			t.Fatalf("%d messages, want 3", n)
		}
	})
}

func TestScriptsAreEscaped(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaUser := member(t, srv, "ana")
		evil := `<script>alert(1)</script>"'><img src=x onerror=alert(2)>`
		id := createRoom(t, ana, evil[:40], evil, evil)
		ana.Post(path("/room/%d/", id), url.Values{"body": {evil + " javascript:alert(3) [x](javascript:alert(4))"}})
		for _, p := range []string{path("/room/%d/", id), "/forum/", path("/profile/%d/", anaUser.ID), path("/update-room/%d/", id), path("/delete-room/%d/", id)} {
			body := ana.Get(p).Body
			if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || strings.Contains(body, `href="javascript:`) {
				t.Errorf("%s: user input reached the page unescaped", p)
			}
			if !strings.Contains(body, "&lt;script&gt;alert(1)") {
				t.Errorf("%s: the escaped text is missing", p)
			}
		}
	})
}

func TestForumSearch(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, _ := member(t, srv, "ana")
		fii := createRoom(t, ana, "FIIs", "Galpões logísticos", "HGLG11 e XPLG11")
		bank := createRoom(t, ana, "Bancos", "Itaú ou Bradesco", "")
		createRoom(t, ana, "Bancos", "Bancos digitais", "")
		ana.Post(path("/room/%d/", fii), url.Values{"body": {"HGLG11 subiu"}})
		ana.Post(path("/room/%d/", bank), url.Values{"body": {"ITUB4 caiu"}})

		all := ana.Get("/forum/")
		if !strings.Contains(all.Body, "3 rooms available") {
			t.Error("forum does not count 3 rooms")
		}
		if !strings.Contains(all.Body, `<a href="/forum/?q=Bancos">Bancos</a> <span class="badge">2</span>`) {
			t.Error("topics sidebar does not show Bancos with 2 rooms")
		}
		for q, want := range map[string][]string{"fii": {"Galpões logísticos"}, "hglg11": {"Galpões logísticos"}, "BANCOS": {"Itaú ou Bradesco", "Bancos digitais"}} {
			r := ana.Get("/forum/?q=" + url.QueryEscape(q))
			if !strings.Contains(r.Body, fmt.Sprintf(">%d room", len(want))) {
				t.Errorf("q=%s: wrong count", q)
			}
			for _, name := range []string{"Galpões logísticos", "Itaú ou Bradesco", "Bancos digitais"} {
				listed := strings.Contains(r.Body, ">"+name+"</a></h2>")
				if listed != contains(want, name) {
					t.Errorf("q=%s: room %q listed=%v", q, name, listed)
				}
			}
		}
		r := ana.Get("/forum/?q=fii")
		if !strings.Contains(r.Body, "HGLG11 subiu") || strings.Contains(r.Body, "ITUB4 caiu") {
			t.Error("recent activity is not filtered by q")
		}
		if r := ana.Get("/forum/?q=nada"); !strings.Contains(r.Body, "0 rooms available") || !strings.Contains(r.Body, "No room matches your search.") {
			t.Error("no-match search")
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var moreLink = regexp.MustCompile(`<li class="more"><a href="([^"]+)"`)

// 120 messages: three pages of 50, 50 and 20, newest first, each message once.
func TestRoomPagination(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaUser := member(t, srv, "ana")
		id := createRoom(t, ana, "Bancos", "Itaú", "")
		if err := srv.Env.Store.SeedMessages(context.Background(), id, anaUser.ID, 120, time.Now()); err != nil {
			t.Fatal(err)
		}
		next := path("/room/%d/", id)
		seen := 0
		for page := 1; next != ""; page++ {
			r := ana.Get(strings.ReplaceAll(next, "&amp;", "&"))
			if r.StatusCode != http.StatusOK {
				t.Fatalf("page %d: %d", page, r.StatusCode)
			}
			n := strings.Count(r.Body, `<li class="message"`)
			want := map[int]int{1: 50, 2: 50, 3: 20}[page]
			if n != want {
				t.Fatalf("page %d has %d messages, want %d", page, n, want)
			}
			for i := seen + 1; i <= seen+n; i++ {
				if !strings.Contains(r.Body, fmt.Sprintf(">message %d</div>", i)) {
					t.Fatalf("page %d lacks message %d", page, i)
				}
			}
			if strings.Contains(r.Body, fmt.Sprintf(">message %d</div>", seen+n+1)) {
				t.Fatalf("page %d shows a message of the next page", page)
			}
			live := strings.Contains(r.Body, `sse-connect="/sse?stream=room-`)
			if live != (page == 1) {
				t.Errorf("page %d: live=%v, only the newest page is live", page, live)
			}
			seen += n
			next = ""
			if m := moreLink.FindStringSubmatch(r.Body); m != nil {
				next = m[1]
			}
		}
		if seen != 120 {
			t.Fatalf("saw %d messages, want 120", seen)
		}
		// The same link with htmx gives only the rows.
		first := ana.Get(path("/room/%d/", id))
		ana.Header.Set("HX-Request", "true")
		frag := ana.Get(strings.ReplaceAll(moreLink.FindStringSubmatch(first.Body)[1], "&amp;", "&"))
		if strings.Contains(frag.Body, "<html") || !strings.HasPrefix(strings.TrimSpace(frag.Body), `<li class="message"`) || strings.Count(frag.Body, `<li class="message"`) != 50 {
			t.Fatalf("htmx older page is not a fragment of 50 rows:\n%.300s", frag.Body)
		}
		if r := ana.Get(path("/room/%d/?before=garbage", id)); r.StatusCode != http.StatusNotFound {
			t.Fatalf("bad cursor: %d", r.StatusCode)
		}
	})
}

var messageID = regexp.MustCompile(`<li class="message" id="message-([0-9]+)"`)

// Walking a room through its "Older messages" links shows every message
// exactly once, newest first, even when many share one timestamp (the
// cursor's id breaks ties) and ids do not follow time (inserted out of order).
func TestRoomPagesWalkEveryMessageOnce(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaUser := member(t, srv, "ana")
		id := createRoom(t, ana, "Bancos", "Itaú", "")
		// 133 messages in 19 instants of 7 each, so pages of 50 end inside an
		// instant; the instants are inserted in a scrambled order, so neither
		// id nor time alone is the order.
		base := time.Date(2026, 3, 2, 13, 0, 0, 0, time.UTC)
		var want []int64 // newest first: created_at DESC, id DESC
		byInstant := map[int][]int64{}
		for _, k := range []int{7, 2, 11, 0, 5, 12, 18, 9, 3, 14, 1, 8, 16, 6, 10, 13, 4, 17, 15} {
			for j := 0; j < 7; j++ {
				m := &db.Message{RoomID: id, UserID: anaUser.ID, Body: fmt.Sprintf("m %d.%d", k, j), CreatedAt: base.Add(time.Duration(k) * time.Minute)}
				if _, err := srv.Env.Store.CreateMessage(context.Background(), m, srv.Env.Now); err != nil {
					t.Fatal(err)
				}
				byInstant[k] = append(byInstant[k], m.ID)
			}
		}
		for k := 18; k >= 0; k-- {
			ids := byInstant[k]
			for i := len(ids) - 1; i >= 0; i-- {
				want = append(want, ids[i])
			}
		}
		var got []int64
		next := path("/room/%d/", id)
		for page := 1; next != ""; page++ {
			if page > 10 {
				t.Fatal("the older links do not end")
			}
			r := ana.Get(strings.ReplaceAll(next, "&amp;", "&"))
			if r.StatusCode != http.StatusOK {
				t.Fatalf("page %d: %d", page, r.StatusCode)
			}
			for _, m := range messageID.FindAllStringSubmatch(r.Body, -1) {
				n, _ := strconv.ParseInt(m[1], 10, 64)
				got = append(got, n)
			}
			next = ""
			if m := moreLink.FindStringSubmatch(r.Body); m != nil {
				next = m[1]
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("pages show %d messages in this order:\n%v\nwant %d:\n%v", len(got), got, len(want), want)
		}
	})
}

// Every time a user sees (member since, a room's creation and activity, a
// message's time) is the app's clock (web.Env.Now), not the machine's: set
// to a day far from today, the pages show that day.
func TestTimesComeFromTheAppClock(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		// In the future: the cookie jar drops cookies that expired by its clock.
		at := time.Date(2099, 3, 2, 13, 4, 5, 0, time.UTC)
		srv.Env.Now = func() time.Time { return at }
		ana, anaUser := member(t, srv, "ana")
		if p := ana.Get(path("/profile/%d/", anaUser.ID)); !strings.Contains(p.Body, "Member since") || !strings.Contains(p.Body, i18n.Get("en").Date(at)) {
			t.Errorf("profile does not say member since %s", i18n.Get("en").Date(at))
		}
		id := createRoom(t, ana, "Bancos", "Itaú", "")
		if r := ana.Post(path("/room/%d/", id), url.Values{"body": {"bom dia"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("post: %d", r.StatusCode)
		}
		stamp := `<time datetime="2099-03-02T13:04:05Z"`
		if n := strings.Count(ana.Get(path("/room/%d/", id)).Body, stamp); n != 2 {
			t.Errorf("room page has %d times at the app's clock, want 2 (the room and the message)", n)
		}
		if !strings.Contains(ana.Get("/forum/").Body, stamp) {
			t.Error("the forum list does not date the room's activity by the app's clock")
		}
	})
}

func TestProfileShowsForumActivity(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ana, anaUser := member(t, srv, "ana")
		bia, _ := member(t, srv, "bia")
		id := createRoom(t, ana, "FIIs", "Galpões", "")
		other := createRoom(t, bia, "Bancos", "Sala da bia", "")
		ana.Post(path("/room/%d/", other), url.Values{"body": {"visitei a sala da bia"}})
		r := bia.Get(path("/profile/%d/", anaUser.ID))
		for _, want := range []string{path(`<a href="/room/%d/">Galpões</a>`, id), "visitei a sala da bia", `<a href="/forum/?q=FIIs">FIIs</a>`, path(`in <a href="/room/%d/">Sala da bia</a>`, other)} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("profile lacks %s", want)
			}
		}
		if strings.Contains(r.Body, "Sala da bia</a></li>") {
			t.Error("profile lists a room the user does not host")
		}
	})
}
