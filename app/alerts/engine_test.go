package alerts

import (
	"context"
	"errors"
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

// fakeQuotes answers every Refresh from prices and counts the calls. during,
// when set, runs once inside the next call (what a user does meanwhile);
// err, when set, is returned alongside the prices it has.
type fakeQuotes struct {
	mu     sync.Mutex
	prices map[string]decimal.Decimal
	calls  [][]string
	during func()
	err    error
}

func (f *fakeQuotes) Refresh(_ context.Context, tickers []string) (map[string]quotes.Quote, []quotes.Quote, error) {
	f.mu.Lock()
	during := f.during
	f.during = nil
	f.mu.Unlock()
	if during != nil {
		during()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, append([]string(nil), tickers...))
	out := map[string]quotes.Quote{}
	for _, t := range tickers {
		if p, ok := f.prices[t]; ok {
			out[t] = quotes.Quote{Ticker: t, Price: p, Time: t0}
		}
	}
	return out, nil, f.err
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

		// The same decisions made again (the alert's state as before the
		// cycle, as a second engine that read it meanwhile would have it) add
		// no row, and no toast for the notice that was not written.
		rewind(t, store, a)
		if res := r.cycle(t); res.Checked != 1 || res.Notices != 0 {
			t.Fatalf("retried cycle %+v; want the alert checked, no new notice", res)
		}
		if ns := r.notices(t, a.ID); len(ns) != 1 || ns[0].SentAt != nil {
			t.Fatalf("outbox after crash and retry %+v; want one pending", ns)
		}
		if len(r.streams.evs) != 1 {
			t.Fatalf("%d toasts; want one, for the one notice written", len(r.streams.evs))
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

// rewind puts an alert back in the state it was created in: no zone, no
// crossing, due at its creation.
func rewind(t *testing.T, store *db.Store, a *db.Alert) {
	t.Helper()
	if _, err := store.DB.NewUpdate().Model((*db.Alert)(nil)).Set("zone = ''").Set("crossings = 0").
		Set("next_check_at = ?", a.NextCheckAt).Where("id = ?", a.ID).Exec(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// An alert deleted while its quote was fetched gets no notice and no toast.
func TestDeletedDuringCycleGetsNoNotice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		r.quotes.set("PETR4", "20")
		a := r.alert(t, "PETR4", "30", "", 5, 10)
		r.quotes.during = func() {
			if err := store.DeleteAlert(context.Background(), r.user.ID, a.ID); err != nil {
				t.Error(err)
			}
		}
		if res := r.cycle(t); res.Notices != 0 {
			t.Fatalf("cycle %+v; want no notice", res)
		}
		if ns := r.notices(t, a.ID); len(ns) != 0 {
			t.Fatalf("notice for a deleted alert: %+v", ns)
		}
		if len(r.streams.evs) != 0 {
			t.Fatalf("toast for a deleted alert: %+v", r.streams.evs)
		}
	})
}

// An alert edited while its quote was fetched is decided on what the user
// saved: the old buy price makes no notice, and the edit is not overwritten.
func TestEditedDuringCycleIsDecidedOnTheEdit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		r.quotes.set("PETR4", "30")
		a := r.alert(t, "PETR4", "35", "", 60, 10) // 30 is in the buy zone…
		r.quotes.during = func() {                 // …until the user lowers the buy price to 20
			edited := *a
			arm(&edited, &AlertForm{Email: a.Email, Ativo: "PETR4", Buy: nd("20"), Period: 60, Days: 2}, r.clock.Now())
			if err := store.UpdateAlert(context.Background(), &edited); err != nil {
				t.Error(err)
			}
		}
		if res := r.cycle(t); res.Checked != 1 || res.Notices != 0 {
			t.Fatalf("cycle %+v; want the edited alert checked, no notice", res)
		}
		if ns := r.notices(t, a.ID); len(ns) != 0 || len(r.streams.evs) != 0 {
			t.Fatalf("notices %+v toasts %d for a buy price the user had removed", ns, len(r.streams.evs))
		}
		got, _ := store.AlertOf(context.Background(), r.user.ID, a.ID)
		if got.Zone != Neutral || !got.BuyPrice.Decimal.Equal(dec("20")) || !got.ExpiresAt.Equal(t0.AddDate(0, 0, 2)) ||
			!got.NextCheckAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("alert after the cycle: zone %q buy %v expires %v next %v; want neutral, 20, +2 days, +1h",
				got.Zone, got.BuyPrice, got.ExpiresAt, got.NextCheckAt)
		}
	})
}

// A provider error that comes with some prices: the alerts with a price are
// decided, the sender is still kicked, and the error reaches the job's log.
func TestPartialQuotesAreUsedAndTheErrorReported(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		t.Parallel()
		r := newRig(t, store)
		r.quotes.set("PETR4", "20")
		r.quotes.err = errors.New("upstream: VALE3 timed out")
		a := r.alert(t, "PETR4", "30", "", 5, 10)
		b := r.alert(t, "VALE3", "30", "", 5, 10)
		kicked := 0
		r.engine.AfterNotices = func(context.Context) error { kicked++; return nil }
		err := r.engine.Run(context.Background())
		if err == nil || !strings.Contains(err.Error(), "VALE3 timed out") {
			t.Fatalf("run error %v; want the provider's error", err)
		}
		if ns := r.notices(t, a.ID); len(ns) != 1 || ns[0].Kind != Buy || kicked != 1 || len(r.streams.evs) != 1 {
			t.Fatalf("PETR4 notices %+v, sender kicked %d, toasts %d; want one buy notice, one kick, one toast", ns, kicked, len(r.streams.evs))
		}
		if got, _ := store.AlertOf(context.Background(), r.user.ID, b.ID); got.Zone != "" || got.LastPrice.Valid {
			t.Fatalf("VALE3 without a price: %+v", got)
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

// One step of a decision-table case: at t0+at the price is price (blank: no
// quote) and the cycle must leave the alert in zone with a notice of kind
// notice (blank: none) and its next check at t0+next. skip: not due, the
// cycle must not touch it.
type step struct {
	at          time.Duration
	price, zone string
	notice      string
	next        time.Duration
	skip        bool
}

// The zone rule through the real Engine.Cycle, on SQLite (Decide in Go) and
// PostgreSQL (checkDueSQL): a rule changed on one side only fails here.
func TestEngineDecisionTable(t *testing.T) {
	const m = time.Minute
	cases := []struct {
		name         string
		buy, sell    string
		period, days int
		steps        []step
	}{
		{"neutral then at the buy price exactly", "10", "20", 15, 30, []step{
			{at: 0, price: "15", zone: Neutral, next: 15 * m},
			{at: 15 * m, price: "10", zone: Buy, notice: Buy, next: 30 * m},
		}},
		{"first check at the buy price exactly", "10", "20", 15, 30, []step{
			{at: 0, price: "10", zone: Buy, notice: Buy, next: 15 * m},
		}},
		{"inside the buy zone: no repeat", "10", "20", 15, 30, []step{
			{at: 0, price: "9", zone: Buy, notice: Buy, next: 15 * m},
			{at: 15 * m, price: "8", zone: Buy, next: 30 * m},
			{at: 30 * m, price: "10", zone: Buy, next: 45 * m},
		}},
		{"leaving and re-entering the buy zone", "10", "20", 15, 30, []step{
			{at: 0, price: "9", zone: Buy, notice: Buy, next: 15 * m},
			{at: 15 * m, price: "10.01", zone: Neutral, next: 30 * m},
			{at: 30 * m, price: "10", zone: Buy, notice: Buy, next: 45 * m},
		}},
		{"sell price exactly, stay, leave, re-enter", "10", "20", 15, 30, []step{
			{at: 0, price: "15", zone: Neutral, next: 15 * m},
			{at: 15 * m, price: "20", zone: Sell, notice: Sell, next: 30 * m},
			{at: 30 * m, price: "25", zone: Sell, next: 45 * m},
			{at: 45 * m, price: "19.99", zone: Neutral, next: 60 * m},
			{at: 60 * m, price: "20", zone: Sell, notice: Sell, next: 75 * m},
		}},
		{"both thresholds: sell to buy and back", "10", "20", 15, 30, []step{
			{at: 0, price: "20", zone: Sell, notice: Sell, next: 15 * m},
			{at: 15 * m, price: "10", zone: Buy, notice: Buy, next: 30 * m},
			{at: 30 * m, price: "20", zone: Sell, notice: Sell, next: 45 * m},
		}},
		{"buy side only", "10", "", 15, 30, []step{
			{at: 0, price: "1000", zone: Neutral, next: 15 * m},
			{at: 15 * m, price: "10", zone: Buy, notice: Buy, next: 30 * m},
		}},
		{"sell side only", "", "20", 15, 30, []step{
			{at: 0, price: "0.01", zone: Neutral, next: 15 * m},
			{at: 15 * m, price: "20", zone: Sell, notice: Sell, next: 30 * m},
		}},
		{"no quote keeps the zone", "10", "20", 15, 30, []step{
			{at: 0, price: "9", zone: Buy, notice: Buy, next: 15 * m},
			{at: 15 * m, price: "", zone: Buy, next: 30 * m},
			{at: 30 * m, price: "9", zone: Buy, next: 45 * m},
		}},
		{"periodo: not due before, one period after, no replay after downtime", "10", "20", 15, 30, []step{
			{at: 0, price: "15", zone: Neutral, next: 15 * m},
			{at: 14 * m, price: "5", skip: true, zone: Neutral, next: 15 * m},
			{at: 15 * m, price: "15", zone: Neutral, next: 30 * m},
			{at: 3 * time.Hour, price: "15", zone: Neutral, next: 3*time.Hour + 15*m},
		}},
		{"duracao: the last check is at the expiry, which ends it", "10", "", 600, 1, []step{
			{at: 0, price: "15", zone: Neutral, next: 10 * time.Hour},
			{at: 10 * time.Hour, price: "15", zone: Neutral, next: 20 * time.Hour},
			{at: 20 * time.Hour, price: "15", zone: Neutral, next: 24 * time.Hour},
			{at: 24 * time.Hour, price: "5", zone: Neutral, notice: Ended, next: 24 * time.Hour},
			{at: 48 * time.Hour, price: "5", skip: true, zone: Neutral, next: 24 * time.Hour},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dbtest.Each(t, func(t *testing.T, store *db.Store) {
				r := newRig(t, store)
				ctx := context.Background()
				a := r.alert(t, "PETR4", tc.buy, tc.sell, tc.period, tc.days)
				var seen int
				for i, s := range tc.steps {
					r.clock.t = t0.Add(s.at)
					r.quotes.mu.Lock()
					delete(r.quotes.prices, "PETR4")
					r.quotes.mu.Unlock()
					if s.price != "" {
						r.quotes.set("PETR4", s.price)
					}
					res := r.cycle(t)
					checked := 1
					if s.skip {
						checked = 0
					}
					got, err := store.AlertOf(ctx, r.user.ID, a.ID)
					if err != nil {
						t.Fatal(err)
					}
					if res.Checked != checked || got.Zone != s.zone || !got.NextCheckAt.Equal(t0.Add(s.next)) {
						t.Fatalf("step %d (price %q at +%v): checked %d zone %q next +%v; want %d, %q, +%v",
							i, s.price, s.at, res.Checked, got.Zone, got.NextCheckAt.Sub(t0), checked, s.zone, s.next)
					}
					if got.Expired != (s.notice == Ended || (s.skip && i > 0 && tc.steps[i-1].notice == Ended)) {
						t.Fatalf("step %d: expired %v", i, got.Expired)
					}
					ns := r.notices(t, a.ID)
					fresh := ns[seen:]
					seen = len(ns)
					if s.notice == "" {
						if len(fresh) != 0 || res.Notices != 0 {
							t.Fatalf("step %d (price %q): notices %+v; want none", i, s.price, fresh)
						}
						continue
					}
					if len(fresh) != 1 || res.Notices != 1 || fresh[0].Kind != s.notice {
						t.Fatalf("step %d (price %q): notices %+v; want one %q", i, s.price, fresh, s.notice)
					}
					threshold := map[string]string{Buy: tc.buy, Sell: tc.sell, Ended: ""}[s.notice]
					want := nd(threshold)
					if fresh[0].Threshold.Valid != want.Valid || !fresh[0].Threshold.Decimal.Equal(want.Decimal) || !fresh[0].Price.Decimal.Equal(dec(s.price)) {
						t.Fatalf("step %d: notice threshold %v price %v; want %q, %s", i, fresh[0].Threshold, fresh[0].Price, threshold, s.price)
					}
				}
				if len(r.streams.evs) != seen {
					t.Fatalf("%d toasts for %d notices", len(r.streams.evs), seen)
				}
			})
		})
	}
}

// On PostgreSQL the cycle is one statement under READ COMMITTED: an edit
// that commits while the statement waits for the alert's row must be
// decided as edited, not from the statement's older snapshot.
func TestEditCommittedDuringTheStatement(t *testing.T) {
	store := dbtest.Postgres(t)
	r := newRig(t, store)
	ctx := context.Background()
	r.quotes.set("PETR4", "30")
	a := r.alert(t, "PETR4", "35", "", 60, 10) // in the buy zone until the edit
	tx, err := store.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var pid int
	if err := tx.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		t.Fatal(err)
	}
	edited := *a
	arm(&edited, &AlertForm{Email: a.Email, Ativo: "PETR4", Buy: nd("20"), Period: 60, Days: 2}, r.clock.Now())
	if _, err := tx.NewUpdate().Model(&edited).Column("buy_price", "zone", "expires_at", "next_check_at").
		WherePK().Exec(ctx); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := r.engine.Cycle(ctx); done <- err }()
	// Commit the edit once the cycle's statement waits for it.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var n int
		if err := store.DB.QueryRowContext(ctx, "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))", pid).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the cycle never waited for the edited row")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if ns := r.notices(t, a.ID); len(ns) != 0 || len(r.streams.evs) != 0 {
		t.Fatalf("notices %+v toasts %d for a buy price the user had removed", ns, len(r.streams.evs))
	}
	got, _ := store.AlertOf(ctx, r.user.ID, a.ID)
	if got.Zone != Neutral || !got.BuyPrice.Decimal.Equal(dec("20")) {
		t.Fatalf("alert after the cycle: zone %q buy %v; want neutral, 20", got.Zone, got.BuyPrice)
	}
}
