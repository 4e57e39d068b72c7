package staff_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

// staffRoutes lists "METHOD path" of every route registered under /staff/,
// read from the app itself so that a new route cannot be left out.
func staffRoutes(srv *server.Server) []string {
	seen := map[string]bool{}
	for _, routes := range srv.App.Stack() {
		for _, r := range routes {
			if (r.Method == http.MethodGet || r.Method == http.MethodPost) && strings.HasPrefix(r.Path, "/staff/") {
				seen[r.Method+" "+r.Path] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var param = regexp.MustCompile(`:[a-z]+`)

// fill puts an existing id (1) in each route parameter.
func fill(path string) string { return param.ReplaceAllString(path, "1") }

// world is a server with a staff user "boss" (logged in, fresh password)
// and a plain user "ana", both with a client; the clock is movable.
type world struct {
	srv       *server.Server
	now       *time.Time
	boss, ana *apptest.Client
}

func newWorld(t *testing.T, srv *server.Server) *world {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	w := &world{srv: srv, now: &now}
	srv.Env.Now = func() time.Time { return *w.now }
	w.ana = apptest.NewClient(t, srv)
	w.ana.Register("ana")
	w.boss = apptest.NewClient(t, srv)
	w.boss.Register("boss")
	if _, err := srv.Env.Store.SetStaff(context.Background(), "boss", true, now); err != nil {
		t.Fatal(err)
	}
	// Something for the moderation routes to act on: rooms 1-3 in topics
	// 1-3, ana's messages 1 and 2 in room 1, boss's report 1 of message 1.
	for _, topic := range []string{"Bancos", "Ações", "FIIs"} {
		if r := w.ana.Post("/create-room/", url.Values{"topic": {topic}, "name": {"Sala " + topic}, "description": {"x"}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("create room: %d", r.StatusCode)
		}
	}
	for _, body := range []string{"hello", "buy ITUB4 now!!!"} {
		if r := w.ana.Post("/room/1/", url.Values{"body": {body}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("post: %d", r.StatusCode)
		}
	}
	if r := w.boss.Post("/report-message/1/", url.Values{"reason": {"spam"}}); r.StatusCode != http.StatusOK {
		t.Fatalf("report: %d", r.StatusCode)
	}
	return w
}

func audits(t *testing.T, srv *server.Server) int64 {
	t.Helper()
	n, err := srv.Env.Store.CountAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestNoNonStaffReachesStaffRoutes(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		routes := staffRoutes(srv)
		if len(routes) < 4 {
			t.Fatalf("only %d staff routes found: %v", len(routes), routes)
		}
		before := audits(t, srv)
		anon := apptest.NewClient(t, srv)
		for _, rt := range routes {
			method, path, _ := strings.Cut(rt, " ")
			path = fill(path)
			form := url.Values{"password": {apptest.Password}, "reason": {"spam"}, "name": {"X"}}
			var r, a *apptest.Response
			if method == http.MethodGet {
				r, a = w.ana.Get(path), anon.Get(path)
			} else {
				r, a = w.ana.Post(path, form), anon.Post(path, form)
			}
			if r.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s as a plain user: %d, want 403", method, path, r.StatusCode)
			}
			if loc := a.Header.Get("Location"); !strings.HasPrefix(loc, "/login/") {
				t.Errorf("%s %s without a session: %d to %q, want the login page", method, path, a.StatusCode, loc)
			}
		}
		if after := audits(t, srv); after != before {
			t.Errorf("audit entries went from %d to %d: a refused request did something", before, after)
		}
		// Nothing changed: the room and message are still there, ana still
		// not staff nor suspended.
		if _, err := srv.Env.Store.RoomByID(context.Background(), 1); err != nil {
			t.Errorf("room 1: %v", err)
		}
		if _, err := srv.Env.Store.MessageByID(context.Background(), 1); err != nil {
			t.Errorf("message 1: %v", err)
		}
		u, _ := srv.Env.Store.UserByUsername(context.Background(), "ana")
		if u.IsStaff || u.SuspendedAt != nil {
			t.Errorf("ana changed: staff %v, suspended %v", u.IsStaff, u.SuspendedAt)
		}
	})
}

func TestStaffPagesNeedARecentPassword(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		if r := w.boss.Get("/staff/"); r.StatusCode != http.StatusOK {
			t.Fatalf("/staff/ right after login: %d", r.StatusCode)
		}
		*w.now = w.now.Add(16 * time.Minute)
		r := w.boss.Get("/staff/audit")
		if loc := r.Header.Get("Location"); loc != "/staff/sudo/?next=%2Fstaff%2Faudit" {
			t.Fatalf("after 16 minutes: %d to %q, want the password page", r.StatusCode, loc)
		}
		before := audits(t, srv)
		if r := w.boss.Post("/staff/sudo/", url.Values{"password": {"wrong one"}, "next": {"/staff/audit"}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("wrong password: %d", r.StatusCode)
		}
		r = w.boss.Post("/staff/sudo/", url.Values{"password": {apptest.Password}, "next": {"/staff/audit"}})
		if loc := r.Header.Get("Location"); loc != "/staff/audit" {
			t.Fatalf("right password: %d to %q", r.StatusCode, loc)
		}
		if got := audits(t, srv); got != before+1 {
			t.Errorf("audit entries %d, want %d", got, before+1)
		}
		r = w.boss.Get("/staff/audit")
		if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "<td>sudo</td>") || !strings.Contains(r.Body, "staff.grant") {
			t.Errorf("audit page: %d\n%s", r.StatusCode, r.Body)
		}
	})
}

// action is one staff POST with a valid form, and the audit action it records.
type action struct {
	path   string // the route with its ids filled in
	form   url.Values
	audit  string
	status int // 0: 303
}

// actions covers every POST route under /staff/; the test fails on a route
// missing here, so every new action must show it is audited.
func actions() map[string]action {
	return map[string]action{
		"/staff/sudo/":                {form: url.Values{"password": {apptest.Password}}, audit: "sudo"},
		"/staff/messages/:id/delete/": {path: "/staff/messages/2/delete/", audit: "message.delete"},
		"/staff/reports/:id/dismiss/": {path: "/staff/reports/1/dismiss/", audit: "report.dismiss"},
		"/staff/rooms/:id/delete/":    {path: "/staff/rooms/3/delete/", audit: "room.delete"},
		"/staff/rooms/:id/lock/":      {path: "/staff/rooms/2/lock/", audit: "room.lock"},
		"/staff/rooms/:id/unlock/":    {path: "/staff/rooms/2/unlock/", audit: "room.unlock"},
		"/staff/topics/:id/merge/":    {path: "/staff/topics/3/merge/", form: url.Values{"into": {"2"}}, audit: "topic.merge"},
		"/staff/topics/:id/rename/":   {path: "/staff/topics/1/rename/", form: url.Values{"name": {"Bancos grandes"}}, audit: "topic.rename"},
		"/staff/users/:id/reinstate/": {path: "/staff/users/1/reinstate/", audit: "user.reinstate"},
		"/staff/users/:id/suspend/":   {path: "/staff/users/1/suspend/", audit: "user.suspend"},
		"/staff/assets/":              {form: url.Values{"ticker": {"ABCD3"}, "name": {"Nova"}, "market": {"IBOV"}}, audit: "asset.add"},
		"/staff/assets/:ticker/update/": {path: "/staff/assets/PETR4/update/",
			form: url.Values{"name": {"Petrobras PN N2"}, "market": {"IBOV"}}, audit: "asset.update"},
		"/staff/assets/:ticker/retire/":  {path: "/staff/assets/VALE3/retire/", audit: "asset.retire"},
		"/staff/assets/:ticker/restore/": {path: "/staff/assets/VALE3/restore/", audit: "asset.restore"},
		// The preview writes nothing, so records nothing (no file here: 422).
		"/staff/assets/import/preview": {status: http.StatusUnprocessableEntity},
		"/staff/assets/import/apply": {form: url.Values{"market": {"IFIX"}, "composition": {"HGLG11;CSHG Logística;;;10,5\n"}},
			audit: "index.import"},
	}
}

func TestEveryStaffActionIsAudited(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv)
		table := actions()
		for _, rt := range staffRoutes(srv) {
			method, path, _ := strings.Cut(rt, " ")
			if method != http.MethodPost {
				continue
			}
			a, ok := table[path]
			if !ok {
				t.Errorf("POST %s: no case in actions(), so nothing shows it is audited", path)
				continue
			}
			before := audits(t, srv)
			to := a.path
			if to == "" {
				to = path
			}
			r := w.boss.Post(to, a.form)
			want := a.status
			if want == 0 {
				want = http.StatusSeeOther
			}
			if r.StatusCode != want {
				t.Errorf("POST %s: %d, want %d %v", path, r.StatusCode, want, apptest.FieldErrors(r.Body))
				continue
			}
			log, err := srv.Env.Store.AuditLog(context.Background(), 1)
			if err != nil {
				t.Fatal(err)
			}
			if a.audit == "" {
				if got := audits(t, srv); got != before {
					t.Errorf("POST %s wrote %d audit entries, want none", path, got-before)
				}
				continue
			}
			if got := audits(t, srv); got != before+1 || log[0].Action != a.audit || log[0].StaffName != "boss" {
				t.Errorf("POST %s: audit entries %d→%d, latest %+v; want one %q by boss", path, before, got, log[0], a.audit)
			}
		}
	})
}
