package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// upstream is the quote provider every instance is given: it records each
// call, moves the price on every call, and can hold calls (hold/release)
// to see who calls while one is in flight.
type upstream struct {
	mu       sync.Mutex
	calls    [][]string
	inflight int
	gate     chan struct{} // nil: calls return at once
}

func (u *upstream) Name() string { return "fake" }

func (u *upstream) Quotes(ctx context.Context, tickers []string) (map[string]quotes.Quote, error) {
	u.mu.Lock()
	u.calls = append(u.calls, append([]string(nil), tickers...))
	n := len(u.calls)
	gate := u.gate
	u.inflight++
	u.mu.Unlock()
	defer func() { u.mu.Lock(); u.inflight--; u.mu.Unlock() }()
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	out := map[string]quotes.Quote{}
	price := decimal.New(1000+int64(n), -2) // 10.01, 10.02, …: every call changes the price
	for _, t := range tickers {
		out[t] = quotes.Quote{Ticker: t, Price: price, PrevClose: fig(10), Open: fig(10),
			DayLow: fig(9), DayHigh: fig(11), Low52: fig(8), High52: fig(15), Volume: int64(n), Time: time.Now()}
	}
	return out, nil
}

func (u *upstream) History(context.Context, string, time.Time, time.Time) ([]quotes.Bar, error) {
	return nil, nil
}

func (u *upstream) hold() { u.mu.Lock(); u.gate = make(chan struct{}); u.mu.Unlock() }

func (u *upstream) release() {
	u.mu.Lock()
	close(u.gate)
	u.gate = nil
	u.mu.Unlock()
}

func (u *upstream) state() (calls, inflight int) {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.calls), u.inflight
}

// sawAll reports whether one call asked for every ticker of want.
func (u *upstream) sawAll(want ...string) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, c := range u.calls {
		has := map[string]bool{}
		for _, t := range c {
			has[t] = true
		}
		all := true
		for _, t := range want {
			all = all && has[t]
		}
		if all {
			return true
		}
	}
	return false
}

type instance struct {
	srv  *server.Server
	base string
	mail string
}

const (
	wait     = 20 * time.Second // generous: the machine is shared
	interval = 200 * time.Millisecond
)

// waitEvent reads s until an event satisfies ok.
func waitEvent(t *testing.T, s *apptest.Stream, what string, ok func(apptest.Event) bool) apptest.Event {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case ev, open := <-s.Events:
			if !open {
				t.Fatalf("%s: stream ended", what)
			}
			if ok(ev) {
				return ev
			}
		case <-deadline:
			t.Fatalf("%s: no event before the deadline", what)
		}
	}
}

func cookies(c *apptest.Client) []*http.Cookie {
	u, _ := url.Parse("http://stonks.test")
	return c.Jar.Cookies(u)
}

// alertMails lists the alert mails (not confirmation links) written by
// all instances.
func alertMails(t *testing.T, ins []instance) []string {
	t.Helper()
	var out []string
	for _, in := range ins {
		files, _ := filepath.Glob(filepath.Join(in.mail, "*.eml"))
		for _, f := range files {
			if name := filepath.Base(f); !strings.HasPrefix(name, "confirm-") {
				out = append(out, name)
			}
		}
	}
	return out
}

func leaderOf(ins []instance) int {
	n := -1
	for i, in := range ins {
		if in.srv.Elector().Leader() {
			if n >= 0 {
				return -2 // two leaders: never
			}
			n = i
		}
	}
	return n
}

// Three instances on one PostgreSQL schema, each with its own hub, broker,
// scheduler and listener on a loopback port: nothing shared but the
// database (and the fake upstream, which counts their calls).
func TestCluster(t *testing.T) {
	if !dbtest.HavePostgres(t) {
		t.Skip("TEST_DATABASE_URL is not set: the cluster runs on PostgreSQL")
	}
	dsn := dbtest.PostgresURL(t)
	up := &upstream{}
	var ins []instance
	for i := range 3 {
		store, err := db.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		if i == 0 { // `stonks migrate`, once, before the instances start
			if _, err := store.Migrate(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		cfg := apptest.Config(t)
		cfg.QuotesInterval, cfg.AlertsInterval = interval, interval
		cfg.MailDir = filepath.Join(t.TempDir(), "mail")
		srv := apptest.New(t, store, &cfg, server.WithProvider(up))
		ins = append(ins, instance{srv: srv, base: apptest.Listen(t, srv), mail: cfg.MailDir})
	}
	a, b, c := ins[0], ins[1], ins[2]
	ctx := context.Background()
	client := func(in instance, name string) *apptest.Client {
		cl := apptest.NewClient(t, in.srv)
		cl.Header.Set("Accept-Language", "en")
		cl.Register(name)
		return cl
	}

	apptest.Eventually(t, wait, "one leader", func() bool { return leaderOf(ins) >= 0 })
	// comeRound waits until every instance's scheduler has asked for the
	// lead several times (each job run due asks): all had their chance to act.
	comeRound := func(skip int) {
		t.Helper()
		var before [3]uint64
		for i, in := range ins {
			before[i] = in.srv.Elector().Checks.Load()
		}
		apptest.Eventually(t, wait, "the schedulers to come round", func() bool {
			for i, in := range ins {
				if i != skip && in.srv.Elector().Checks.Load() < before[i]+9 {
					return false
				}
			}
			return true
		})
	}
	comeRound(-1)
	if calls, _ := up.state(); calls != 0 {
		t.Fatalf("%d upstream calls while nobody watches anything", calls)
	}

	t.Log("a message posted on A appears live on B and C; deleted, it disappears there")
	ana, bob, cai := client(a, "ana"), client(b, "bob"), client(c, "cai")
	r := ana.Post("/create-room/", url.Values{"topic": {"Dividends"}, "name": {"Cluster"}, "description": {"x"}})
	roomID, err := strconv.ParseInt(strings.Trim(strings.TrimPrefix(r.Header.Get("Location"), "/room/"), "/"), 10, 64)
	if err != nil {
		t.Fatalf("create room: %d %s", r.StatusCode, r.Header.Get("Location"))
	}
	room := live.Room(roomID)
	onB := apptest.Subscribe(t, b.base, room, cookies(bob)...)
	onC := apptest.Subscribe(t, c.base, room, cookies(cai)...)
	post := func(body string) {
		t.Helper()
		if r := ana.Post(fmt.Sprintf("/room/%d/", roomID), url.Values{"body": {body}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("post: %d", r.StatusCode)
		}
	}
	post("hello from A")
	for _, s := range []*apptest.Stream{onB, onC} {
		waitEvent(t, s, "message", func(ev apptest.Event) bool {
			return ev.Name == "message-en" && strings.Contains(ev.Data, "hello from A")
		})
	}
	last, err := a.srv.Env.Store.LastMessage(ctx, roomID)
	if err != nil {
		t.Fatal(err)
	}
	if r := ana.Post(fmt.Sprintf("/delete-message/%d/", last.ID), nil); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", r.StatusCode)
	}
	for _, s := range []*apptest.Stream{onB, onC} {
		waitEvent(t, s, "removal", func(ev apptest.Event) bool {
			return ev.Name == "message-removed" && strings.Contains(ev.Data, fmt.Sprintf(`id="message-%d"`, last.ID))
		})
	}

	t.Log("logout on one instance ends the user's streams on another")
	eve := client(a, "eve")
	eveOnC := apptest.Subscribe(t, c.base, room, cookies(eve)...)
	eve.Post("/logout/", nil)
	apptest.Eventually(t, wait, "eve's stream on C to end", func() bool {
		for {
			select {
			case _, open := <-eveOnC.Events:
				if !open {
					return true
				}
			default:
				return false
			}
		}
	})

	t.Log("quote ticks reach tracker and embed viewers on all three, polled once for all")
	// A logged-in tracker on A, embeds (anonymous) on B and C, each
	// watching a ticker the others do not: the leader polls the union.
	qa := apptest.Subscribe(t, a.base, live.QuoteRoom("en", []string{"PETR4"}), cookies(ana)...)
	qb := apptest.Subscribe(t, b.base, live.QuoteRoom("pt-BR", []string{"VALE3"}))
	qc := apptest.Subscribe(t, c.base, live.QuoteRoom("en", []string{"ITUB4"}))
	watchers := map[*apptest.Stream]string{qa: "PETR4", qb: "VALE3", qc: "ITUB4"}
	// tick waits for a fresh row on every watcher (stale ones are skipped).
	tick := func() {
		t.Helper()
		for s, tk := range watchers {
			for len(s.Events) > 0 {
				<-s.Events
			}
			waitEvent(t, s, tk, func(ev apptest.Event) bool {
				return ev.Name == live.QuotesEvent && strings.Contains(ev.Data, `id="`+tk+`_price"`) && strings.Contains(ev.Data, "data-ts=")
			})
		}
	}
	tick()
	apptest.Eventually(t, wait, "one call asking for every watched ticker", func() bool {
		return up.sawAll("PETR4", "VALE3", "ITUB4")
	})
	// Hold the upstream: the leader's call stays in flight (its job is a
	// singleton), and while the other instances' schedulers come round
	// several times, nobody else calls.
	up.hold()
	apptest.Eventually(t, wait, "a call in flight", func() bool { _, n := up.state(); return n == 1 })
	held, _ := up.state()
	L := leaderOf(ins)
	if L < 0 {
		t.Fatal("no single leader")
	}
	comeRound(L)
	if calls, inflight := up.state(); calls != held || inflight != 1 {
		t.Fatalf("%d calls (%d in flight) while one was held, want none more", calls-held, inflight)
	}
	up.release()
	tick()

	t.Log("an alert crossing makes one notice, one mail, and a toast on the instance the user's page uses")
	dan := client(a, "dan")
	danUser, err := a.srv.Env.Store.UserByUsername(ctx, "dan")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.srv.Env.Store.ConfirmAddress(ctx, danUser.ID, "dan@example.com", time.Now()); err != nil {
		t.Fatal(err)
	}
	toasts := apptest.Subscribe(t, c.base, live.User(danUser.ID), cookies(dan)...)
	alert := func(ticker string) {
		t.Helper()
		r := dan.Post("/create-alert/", url.Values{"email": {"dan@example.com"}, "ativo": {ticker}, "compra": {"100.00"},
			"venda": {""}, "periodo": {"15"}, "duracao": {"30"}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("create alert: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
	}
	alert("PETR4")
	waitEvent(t, toasts, "toast", func(ev apptest.Event) bool {
		return ev.Name == "notice" && strings.Contains(ev.Data, "PETR4")
	})
	apptest.Eventually(t, wait, "the alert mail", func() bool { return len(alertMails(t, ins)) >= 1 })

	t.Log("killing the leader hands the jobs over, with no duplicate mail")
	L = leaderOf(ins)
	if L < 0 {
		t.Fatal("no single leader")
	}
	old := ins[L]
	old.srv.Jobs.Shutdown()
	killed := time.Now()
	if _, err := old.srv.Env.Store.DB.ExecContext(ctx, "SELECT pg_terminate_backend(?, 5000)", old.srv.Elector().PID()); err != nil {
		t.Fatal(err)
	}
	// The old leader's scheduler is stopped, so nothing asks its elector
	// any more: it is left out, as a killed process would be.
	rest := append(append([]instance(nil), ins[:L]...), ins[L+1:]...)
	apptest.Eventually(t, wait, "another leader", func() bool { return leaderOf(rest) >= 0 })
	t.Logf("handover took %s (interval %s)", time.Since(killed).Round(time.Millisecond), interval)
	// A killed instance's viewers are gone with it, and so are its watched tickers.
	delete(watchers, []*apptest.Stream{qa, qb, qc}[L])
	calls, _ := up.state()
	apptest.Eventually(t, wait, "the new leader to poll", func() bool { n, _ := up.state(); return n > calls })
	tick()
	alert("VALE3")
	waitEvent(t, toasts, "toast after the handover", func(ev apptest.Event) bool {
		return ev.Name == "notice" && strings.Contains(ev.Data, "VALE3")
	})
	apptest.Eventually(t, wait, "the second alert mail", func() bool { return len(alertMails(t, ins)) >= 2 })
	var notices int
	for _, ticker := range []string{"PETR4", "VALE3"} {
		rows, err := a.srv.Env.Store.AlertsOf(ctx, danUser.ID, ticker)
		if err != nil || len(rows) != 1 {
			t.Fatalf("alerts of dan for %s: %d %v", ticker, len(rows), err)
		}
		ns, err := a.srv.Env.Store.NoticesOf(ctx, rows[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		notices += len(ns)
	}
	// Mails are named by the notice's key, one MAIL_DIR per instance: a
	// notice mailed by two instances would be two files.
	if mails := alertMails(t, ins); notices != 2 || len(mails) != 2 {
		t.Fatalf("%d notices and mails %v, want 2 and 2", notices, mails)
	}

	t.Log("a broker connection terminated and restored resumes delivery, and resends the watched rows")
	// With the upstream held no tick happens. Event ids of a hub grow on
	// all its streams, so a row on B with an id past the marker's was sent
	// after the marker: by the resynchronisation, from the database.
	up.hold()
	apptest.Eventually(t, wait, "a call in flight", func() bool { _, n := up.state(); return n == 1 })
	post("marker")
	marker := seqOf(t, waitEvent(t, onB, "marker", func(ev apptest.Event) bool {
		return ev.Name == "message-en" && strings.Contains(ev.Data, "marker")
	}).ID)
	held, _ = up.state()
	br := b.srv.Broker()
	if _, err := b.srv.Env.Store.DB.ExecContext(ctx, "SELECT pg_terminate_backend(?, 5000)", br.PID()); err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, wait, "B's broker to reconnect", func() bool { return br.Reconnects.Load() >= 1 && br.PID() != 0 })
	waitEvent(t, qb, "VALE3 row resent after the reconnection", func(ev apptest.Event) bool {
		return ev.Name == live.QuotesEvent && strings.Contains(ev.Data, `id="VALE3_price"`) && seqOf(t, ev.ID) > marker
	})
	if calls, _ := up.state(); calls != held {
		t.Errorf("%d upstream calls while held", calls-held)
	}
	up.release()
	post("after the drop")
	waitEvent(t, onB, "message after reconnection", func(ev apptest.Event) bool {
		return ev.Name == "message-en" && strings.Contains(ev.Data, "after the drop")
	})
	tick()

	t.Log("each instance exports its part of the cluster")
	for i, in := range ins {
		resp, err := http.Get(in.base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, series := range []string{"stonks_live_subscribers ", "stonks_live_events_delivered_total ", "stonks_leader ",
			"stonks_broker_notifications_sent_total ", "stonks_broker_notifications_received_total ",
			"stonks_broker_reconnects_total ", `stonks_upstream_calls_total{kind="quotes"} `} {
			if !strings.Contains(string(body), "\n"+series) {
				t.Errorf("instance %d: no %s in /metrics", i, series)
			}
		}
	}
	if !strings.Contains(metric(t, b.base, "stonks_broker_reconnects_total"), " 1") {
		t.Errorf("B's reconnects: %q", metric(t, b.base, "stonks_broker_reconnects_total"))
	}
}

// seqOf is the sequence number in a hub's event id (prefix-seq).
func seqOf(t *testing.T, id string) uint64 {
	t.Helper()
	n, err := strconv.ParseUint(id[strings.LastIndexByte(id, '-')+1:], 10, 64)
	if err != nil {
		t.Fatalf("event id %q", id)
	}
	return n
}

// metric returns the line of /metrics that starts with name.
func metric(t *testing.T, base, name string) string {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for line := range strings.SplitSeq(string(body), "\n") {
		if strings.HasPrefix(line, name+" ") {
			return line
		}
	}
	return ""
}

func fig(n int64) decimal.NullDecimal { return decimal.NewNullDecimal(decimal.NewFromInt(n)) }
