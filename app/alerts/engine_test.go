package alerts

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func nd(s string) decimal.NullDecimal {
	if s == "" {
		return decimal.NullDecimal{}
	}
	return decimal.NewNullDecimal(dec(s))
}

var t0 = time.Date(2026, 11, 27, 13, 0, 0, 0, time.UTC)

func TestDecideZoneTransitions(t *testing.T) {
	cases := []struct {
		name            string
		buy, sell, from string
		price           string
		want            string
		notify          bool
	}{
		{"first check already in buy zone", "10", "20", "", "9.99", Buy, true},
		{"first check at the buy price exactly", "10", "20", "", "10", Buy, true},
		{"first check neutral", "10", "20", "", "15", Neutral, false},
		{"neutral to buy", "10", "20", Neutral, "8", Buy, true},
		{"stays in buy: no repeat", "10", "20", Buy, "7", Buy, false},
		{"buy back to neutral", "10", "20", Buy, "10.01", Neutral, false},
		{"neutral to sell at the sell price", "10", "20", Neutral, "20", Sell, true},
		{"stays in sell: no repeat", "10", "20", Sell, "25", Sell, false},
		{"sell straight to buy", "10", "20", Sell, "9", Buy, true},
		{"buy straight to sell", "10", "20", Buy, "21", Sell, true},
		{"only buy watched, price high", "10", "", Neutral, "1000", Neutral, false},
		{"only sell watched, price low", "", "20", Neutral, "0.01", Neutral, false},
		{"only sell watched, enters", "", "20", Neutral, "20.5", Sell, true},
		{"buy at zero never matches a real price", "0", "20", "", "0.01", Neutral, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := db.Alert{ID: 7, UserID: 3, Ticker: "PETR4", Lang: "en", BuyPrice: nd(tc.buy), SellPrice: nd(tc.sell),
				Zone: tc.from, Crossings: 4, PeriodMinutes: 15, NextCheckAt: t0, ExpiresAt: t0.AddDate(0, 0, 30)}
			q := quotes.Quote{Ticker: "PETR4", Price: dec(tc.price)}
			c, n := Decide(a, &q, t0.Add(time.Second))
			if c.Zone != tc.want {
				t.Fatalf("zone %q, want %q", c.Zone, tc.want)
			}
			if (n != nil) != tc.notify || c.Triggered != tc.notify {
				t.Fatalf("notice %v triggered %v, want %v", n, c.Triggered, tc.notify)
			}
			if !c.NextCheckAt.Equal(t0.Add(15 * time.Minute)) {
				t.Fatalf("next check %v, want one period later", c.NextCheckAt)
			}
			if !c.LastPrice.Valid || !c.LastPrice.Decimal.Equal(dec(tc.price)) {
				t.Fatalf("last price %v", c.LastPrice)
			}
			if n != nil {
				if c.Crossings != 5 || n.IdemKey != "alert-7-5-"+tc.want || n.Kind != tc.want {
					t.Fatalf("crossing %d, notice %+v", c.Crossings, n)
				}
				threshold := tc.buy
				if tc.want == Sell {
					threshold = tc.sell
				}
				if !n.Threshold.Decimal.Equal(dec(threshold)) || !n.Price.Decimal.Equal(dec(tc.price)) {
					t.Fatalf("notice threshold %v price %v", n.Threshold, n.Price)
				}
			}
		})
	}
}

func TestDecideScheduleAndExpiry(t *testing.T) {
	a := db.Alert{ID: 9, Ticker: "VALE3", BuyPrice: nd("50"), Zone: Neutral, PeriodMinutes: 60,
		NextCheckAt: t0, ExpiresAt: t0.Add(90 * time.Minute)}
	// Engine was down for three hours: the next check is one period from now, capped at the expiry.
	c, _ := Decide(a, nil, t0.Add(10*time.Minute))
	if !c.NextCheckAt.Equal(t0.Add(60 * time.Minute)) {
		t.Fatalf("next %v", c.NextCheckAt)
	}
	a.NextCheckAt = t0.Add(60 * time.Minute)
	c, n := Decide(a, nil, t0.Add(61*time.Minute))
	if n != nil || !c.NextCheckAt.Equal(a.ExpiresAt) || c.Zone != Neutral || c.LastPrice.Valid {
		t.Fatalf("no quote: %+v %v; want zone kept, next check at expiry", c, n)
	}
	q := quotes.Quote{Price: dec("10")} // in the buy zone, but the alert is over
	c, n = Decide(a, &q, a.ExpiresAt)
	if !c.Expired || n == nil || n.Kind != Ended || n.IdemKey != fmt.Sprintf("alert-9-ended-%d", a.ExpiresAt.Unix()) {
		t.Fatalf("at expiry: %+v %+v; want one ended notice", c, n)
	}
}

func TestParseDecimal(t *testing.T) {
	good := map[string]string{"12,50": "12.5", "12.50": "12.5", "1.234,56": "1234.56", "1,234.56": "1234.56",
		"R$ 7,1": "7.1", " 0 ": "0", "-3": "-3", "1 234,5": "1234.5"}
	for in, want := range good {
		d, ok := ParseDecimal(in)
		if !ok || !d.Equal(dec(want)) {
			t.Errorf("ParseDecimal(%q) = %v, %v; want %s", in, d, ok, want)
		}
	}
	for _, in := range []string{"NaN", "nan", "Inf", "+Inf", "-inf", "1e5", "abc", "12,5,0x", "0x10", "", "1..2", "12,"} {
		if d, ok := ParseDecimal(in); ok {
			t.Errorf("ParseDecimal(%q) = %v; want refused", in, d)
		}
	}
}

// fakeQuotes answers every Refresh from prices and counts the calls.
type fakeQuotes struct {
	mu     sync.Mutex
	prices map[string]decimal.Decimal
	calls  [][]string
}

func (f *fakeQuotes) Refresh(_ context.Context, tickers []string) (map[string]quotes.Quote, []quotes.Quote, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, append([]string(nil), tickers...))
	out := map[string]quotes.Quote{}
	for _, t := range tickers {
		if p, ok := f.prices[t]; ok {
			out[t] = quotes.Quote{Ticker: t, Price: p, Time: t0}
		}
	}
	return out, nil, nil
}

func (f *fakeQuotes) set(ticker, price string) {
	f.mu.Lock()
	f.prices[ticker] = dec(price)
	f.mu.Unlock()
}

// fakeStreams records published events.
type fakeStreams struct {
	mu  sync.Mutex
	evs []live.Event
}

func (f *fakeStreams) Publish(_ context.Context, ev live.Event) error {
	f.mu.Lock()
	f.evs = append(f.evs, ev)
	f.mu.Unlock()
	return ev.Validate()
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type rig struct {
	store   *db.Store
	quotes  *fakeQuotes
	streams *fakeStreams
	clock   *clock
	engine  *Engine
	sender  *Sender
	mailDir string
	user    *db.User
}

func newRig(t *testing.T, store *db.Store) *rig {
	t.Helper()
	r := &rig{store: store, quotes: &fakeQuotes{prices: map[string]decimal.Decimal{}}, streams: &fakeStreams{},
		clock: &clock{t: t0}, mailDir: filepath.Join(t.TempDir(), "mail")}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	render := func(name string, data any) (string, error) {
		d := data.(toastData)
		return `<div class="toast">` + d.Text + `</div>`, nil
	}
	r.sender = &Sender{Store: store, Mailer: FileMailer{Dir: r.mailDir}, BaseURL: "http://stonks.test", Now: r.clock.Now,
		Log: log, Backoff: time.Minute, MaxBackoff: time.Hour, Batch: 100}
	r.engine = &Engine{Store: store, Quotes: r.quotes, Streams: r.streams, Render: render, Now: r.clock.Now, Log: log, Batch: 1000}
	r.user = &db.User{Username: "ana", Email: "ana@example.com", PasswordHash: "x"}
	if err := store.CreateUser(context.Background(), r.user, r.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := store.ConfirmAddress(context.Background(), r.user.ID, r.user.Email, t0); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *rig) alert(t *testing.T, ticker, buy, sell string, period, days int) *db.Alert {
	t.Helper()
	now := r.clock.Now()
	a := &db.Alert{UserID: r.user.ID, Email: r.user.Email, Ticker: ticker, BuyPrice: nd(buy), SellPrice: nd(sell),
		PeriodMinutes: period, DurationDays: days, Lang: "en", CreatedAt: now, NextCheckAt: now, ExpiresAt: now.AddDate(0, 0, days)}
	if err := r.store.CreateAlert(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func (r *rig) cycle(t *testing.T) Result {
	t.Helper()
	res, err := r.engine.Cycle(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func (r *rig) deliver(t *testing.T) int {
	t.Helper()
	n, err := r.sender.Deliver(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (r *rig) mails(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(r.mailDir, "*.eml"))
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

func (r *rig) notices(t *testing.T, id int64) []db.AlertNotice {
	t.Helper()
	ns, err := r.store.NoticesOf(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

func TestEngineNotifiesOnEnteringOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		r.quotes.set("PETR4", "30")
		r.quotes.set("VALE3", "60")
		a := r.alert(t, "PETR4", "35", "50", 1, 30) // price already under the buy price
		b := r.alert(t, "PETR4", "", "40", 1, 30)   // sell side only: neutral
		c := r.alert(t, "VALE3", "55", "", 1, 30)   // neutral

		if res := r.cycle(t); res.Checked != 3 || res.Notices != 1 {
			t.Fatalf("first cycle %+v; want 3 checked, 1 notice", res)
		}
		if len(r.quotes.calls) != 1 || len(r.quotes.calls[0]) != 2 {
			t.Fatalf("quote calls %v; want one batched call for PETR4 and VALE3", r.quotes.calls)
		}
		// Nothing is due before a period has passed.
		if res := r.cycle(t); res.Checked != 0 || len(r.quotes.calls) != 1 {
			t.Fatalf("second cycle at the same time %+v, calls %d", res, len(r.quotes.calls))
		}
		for i := 0; i < 3; i++ { // the price stays in the zone: no repeat
			r.clock.add(time.Minute)
			if res := r.cycle(t); res.Checked != 3 || res.Notices != 0 {
				t.Fatalf("cycle while staying %+v", res)
			}
		}
		r.clock.add(time.Minute)
		r.quotes.set("PETR4", "36") // leaves the buy zone
		r.cycle(t)
		r.clock.add(time.Minute)
		r.quotes.set("PETR4", "34.5") // and comes back: notified again
		if res := r.cycle(t); res.Notices != 1 {
			t.Fatalf("coming back: %+v", res)
		}
		r.clock.add(time.Minute)
		r.quotes.set("PETR4", "45") // a: neutral; b: sell zone
		if res := r.cycle(t); res.Notices != 1 {
			t.Fatalf("sell crossing: %+v", res)
		}
		if ns := r.notices(t, a.ID); len(ns) != 2 || ns[0].IdemKey == ns[1].IdemKey || ns[1].Kind != Buy {
			t.Fatalf("alert a notices %+v", ns)
		}
		if ns := r.notices(t, b.ID); len(ns) != 1 || ns[0].Kind != Sell || !ns[0].Threshold.Decimal.Equal(dec("40")) {
			t.Fatalf("alert b notices %+v", ns)
		}
		if ns := r.notices(t, c.ID); len(ns) != 0 {
			t.Fatalf("alert c notices %+v", ns)
		}
		got, _ := store.AlertOf(context.Background(), r.user.ID, a.ID)
		if got.Zone != Neutral || !got.LastPrice.Decimal.Equal(dec("45")) || got.LastTriggeredAt == nil || got.LastCheckedAt == nil {
			t.Fatalf("alert a after the cycles: %+v", got)
		}
		// Each notice went to the user's own stream, as a toast.
		if len(r.streams.evs) != 3 || r.streams.evs[0].Stream != live.User(r.user.ID) || r.streams.evs[0].Name != "notice" ||
			!strings.Contains(r.streams.evs[0].Data, "PETR4 is at R$30.00, at or below your buy price of R$35.00.") {
			t.Fatalf("toasts %+v", r.streams.evs)
		}
		if sent := r.deliver(t); sent != 3 || len(r.mails(t)) != 3 {
			t.Fatalf("sent %d, files %d", sent, len(r.mails(t)))
		}
		if sent := r.deliver(t); sent != 0 {
			t.Fatalf("sent again: %d", sent)
		}
	})
}

func TestEngineExpiresWithOneNotice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		r.quotes.set("ITUB4", "30")
		a := r.alert(t, "ITUB4", "20", "", 600, 1)
		r.cycle(t)
		r.clock.add(24 * time.Hour)
		if res := r.cycle(t); res.Checked != 1 || res.Notices != 1 {
			t.Fatalf("expiry cycle %+v", res)
		}
		r.clock.add(24 * time.Hour)
		r.quotes.set("ITUB4", "10") // would be a buy, but the alert is over
		if res := r.cycle(t); res.Checked != 0 {
			t.Fatalf("expired alert checked again: %+v", res)
		}
		ns := r.notices(t, a.ID)
		if len(ns) != 1 || ns[0].Kind != Ended {
			t.Fatalf("notices %+v; want one 'ended'", ns)
		}
		got, _ := store.AlertOf(context.Background(), r.user.ID, a.ID)
		if !got.Expired || Status(*got, r.clock.Now()) != "expired" {
			t.Fatalf("alert %+v not expired", got)
		}
		r.deliver(t)
		m := r.mails(t)
		if len(m) != 1 || !strings.Contains(m[0], "Subject: Your alert for ITUB4 has ended") {
			t.Fatalf("mail %q", m)
		}

		// Edited after it ended, the alert runs again and ends again, with its own notice.
		arm(got, &AlertForm{Email: got.Email, Ativo: "ITUB4", Buy: nd("5"), Period: 600, Days: 1}, r.clock.Now())
		if err := store.UpdateAlert(context.Background(), got); err != nil {
			t.Fatal(err)
		}
		if res := r.cycle(t); res.Checked != 1 || res.Notices != 0 {
			t.Fatalf("re-armed alert: %+v", res)
		}
		r.clock.add(24 * time.Hour)
		r.cycle(t)
		if ns := r.notices(t, a.ID); len(ns) != 2 || ns[1].Kind != Ended || ns[0].IdemKey == ns[1].IdemKey {
			t.Fatalf("notices after the second end %+v", ns)
		}
	})
}

// A crash between the commit and the send: the notice waits in the outbox,
// a rerun of the engine adds nothing, the next sender sends it once; a crash
// after the send but before marking it sent rewrites the same file.
func TestOutboxSurvivesCrash(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		r.quotes.set("BBAS3", "20")
		a := r.alert(t, "BBAS3", "25", "", 5, 10)
		r.cycle(t) // committed; the process "dies" before delivering

		// The same decisions applied again (a retried cycle) add no row.
		due := []db.Alert{*a}
		q := quotes.Quote{Price: dec("20")}
		c, n := Decide(due[0], &q, t0)
		if err := store.ApplyChecks(context.Background(), []db.AlertCheck{c}, []db.AlertNotice{*n}); err != nil {
			t.Fatal(err)
		}
		if ns := r.notices(t, a.ID); len(ns) != 1 || ns[0].SentAt != nil {
			t.Fatalf("outbox after crash and retry %+v; want one pending", ns)
		}

		// A new process: a fresh sender on the same database.
		restarted := &Sender{Store: store, Mailer: FileMailer{Dir: r.mailDir}, BaseURL: "http://stonks.test",
			Now: r.clock.Now, Log: r.sender.Log, Backoff: time.Minute, MaxBackoff: time.Hour, Batch: 100}
		pending, _ := store.ClaimNotices(context.Background(), r.clock.Now(), r.clock.Now().Add(10*time.Minute), 10)
		// It crashes once more, after claiming and mailing but before marking sent…
		if err := restarted.Mailer.Send(context.Background(), Compose("http://stonks.test", pending[0])); err != nil {
			t.Fatal(err)
		}
		// …and once its claim has run out, the next run sends it again under the same key.
		if sent, _ := restarted.Deliver(context.Background()); sent != 0 {
			t.Fatalf("a claimed notice was sent again at once")
		}
		r.clock.add(10 * time.Minute)
		if sent, err := restarted.Deliver(context.Background()); err != nil || sent != 1 {
			t.Fatalf("deliver %d %v", sent, err)
		}
		if m := r.mails(t); len(m) != 1 || !strings.Contains(m[0], "Message-ID: <alert-") {
			t.Fatalf("mails %d; want exactly one file, with the key as Message-ID", len(m))
		}
		if ns := r.notices(t, a.ID); len(ns) != 1 || ns[0].SentAt == nil {
			t.Fatalf("outbox %+v; want marked sent", ns)
		}
		r.clock.add(5 * time.Minute)
		if res := r.cycle(t); res.Notices != 0 || r.deliver(t) != 0 {
			t.Fatal("price still in the zone: nothing more")
		}
	})
}

// failing fails the first n sends.
type failing struct {
	mu   sync.Mutex
	n    int
	next Mailer
}

func (f *failing) Send(ctx context.Context, m Mail) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n > 0 {
		f.n--
		return io.ErrUnexpectedEOF
	}
	return f.next.Send(ctx, m)
}

func TestSenderRetriesWithBackoff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		r.sender.Mailer = &failing{n: 2, next: FileMailer{Dir: r.mailDir}}
		r.quotes.set("WEGE3", "30")
		a := r.alert(t, "WEGE3", "", "29", 5, 10)
		r.cycle(t)
		if _, err := r.sender.Deliver(context.Background()); err != nil {
			t.Fatal(err) // a failed send is recorded, not an error of the run
		}
		ns := r.notices(t, a.ID)
		if ns[0].Attempts != 1 || !ns[0].NextAttemptAt.Equal(t0.Add(time.Minute)) || ns[0].LastError == "" {
			t.Fatalf("after one failure %+v; want a retry in 1 min", ns[0])
		}
		if r.deliver(t) != 0 {
			t.Fatal("retried before the backoff")
		}
		r.clock.add(time.Minute)
		r.deliver(t) // second failure: twice the wait
		if ns = r.notices(t, a.ID); !ns[0].NextAttemptAt.Equal(t0.Add(3 * time.Minute)) {
			t.Fatalf("second backoff to %v", ns[0].NextAttemptAt)
		}
		r.clock.add(2 * time.Minute)
		if r.deliver(t) != 1 || len(r.mails(t)) != 1 {
			t.Fatal("third attempt should deliver")
		}
	})
}

func dbtestSQLite(t *testing.T) *db.Store { return dbtest.SQLite(t) }

// An alert deleted between the due query and the write gets no notice.
func TestDeletedDuringCycleGetsNoNotice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		a := r.alert(t, "PETR4", "30", "", 5, 10)
		due, err := store.DueAlerts(context.Background(), r.clock.Now(), 10)
		if err != nil || len(due) != 1 {
			t.Fatalf("due %v %v", due, err)
		}
		if err := store.DeleteAlert(context.Background(), r.user.ID, a.ID); err != nil {
			t.Fatal(err)
		}
		q := quotes.Quote{Price: dec("20")}
		c, n := Decide(due[0], &q, r.clock.Now())
		if err := store.ApplyChecks(context.Background(), []db.AlertCheck{c}, []db.AlertNotice{*n}); err != nil {
			t.Fatal(err)
		}
		if ns := r.notices(t, a.ID); len(ns) != 0 {
			t.Fatalf("notice for a deleted alert: %+v", ns)
		}
	})
}

// The schedule through a whole cycle, on both databases (PostgreSQL decides
// in SQL, SQLite in Go): after downtime the next check is one period from
// now, never past the expiry, and a ticker without a quote keeps its zone.
func TestEngineSchedule(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		r.quotes.prices["PETR4"] = dec("30")
		a := r.alert(t, "PETR4", "10", "", 15, 1)
		b := r.alert(t, "VALE3", "10", "", 60, 2) // no quote for VALE3
		r.clock.add(3 * time.Hour)
		if res := r.cycle(t); res.Checked != 2 || res.Notices != 0 {
			t.Fatalf("cycle: %+v", res)
		}
		ctx := context.Background()
		ga, _ := store.AlertOf(ctx, r.user.ID, a.ID)
		gb, _ := store.AlertOf(ctx, r.user.ID, b.ID)
		now := r.clock.Now()
		if !ga.NextCheckAt.Equal(now.Add(15*time.Minute)) || ga.Zone != Neutral || !ga.LastPrice.Valid || !ga.LastPrice.Decimal.Equal(dec("30")) {
			t.Errorf("after downtime: next %v zone %q price %v; want now+15m, neutral, 30", ga.NextCheckAt, ga.Zone, ga.LastPrice)
		}
		if !gb.NextCheckAt.Equal(now.Add(time.Hour)) || gb.Zone != "" || gb.LastPrice.Valid {
			t.Errorf("no quote: next %v zone %q price %v; want now+1h, zone kept, no price", gb.NextCheckAt, gb.Zone, gb.LastPrice)
		}
		r.clock.add(20*time.Hour + 50*time.Minute) // 10 minutes before a's expiry
		r.cycle(t)
		ga, _ = store.AlertOf(ctx, r.user.ID, a.ID)
		if !ga.NextCheckAt.Equal(a.ExpiresAt) {
			t.Errorf("near expiry: next %v, want the expiry %v", ga.NextCheckAt, a.ExpiresAt)
		}
		r.clock.add(10 * time.Minute)
		if res := r.cycle(t); res.Notices != 1 {
			t.Fatalf("at expiry: %+v, want one ended notice", res)
		}
		if ns := r.notices(t, a.ID); len(ns) != 1 || ns[0].Kind != Ended || ns[0].IdemKey != fmt.Sprintf("alert-%d-ended-%d", a.ID, a.ExpiresAt.Unix()) {
			t.Fatalf("ended notice: %+v", ns)
		}
	})
}
