package alerts_test

import (
	"context"
	"io"
	"log/slog"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/alerts"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
)

// testClock is a settable clock for the server and its jobs.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// mailbox is MAIL_DIR read back: each .eml's recipient and decoded body.
type mailbox struct{ dir string }

type eml struct{ name, to, body string }

func (m mailbox) all(t *testing.T) []eml {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(m.dir, "*.eml"))
	var out []eml
	for _, f := range files {
		raw, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		msg, err := mail.ReadMessage(raw)
		if err != nil {
			t.Fatal(err)
		}
		var body io.Reader = msg.Body
		if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(msg.Body)
		}
		b, _ := io.ReadAll(body)
		raw.Close()
		out = append(out, eml{name: filepath.Base(f), to: strings.Trim(msg.Header.Get("To"), "<>"), body: string(b)})
	}
	return out
}

// count counts the mails to an address: confirmation links and alert notices.
func (m mailbox) count(t *testing.T, to string) (confirmations, notices int) {
	for _, e := range m.all(t) {
		switch {
		case e.to != to:
		case strings.HasPrefix(e.name, "confirm-"):
			confirmations++
		default:
			notices++
		}
	}
	return
}

var linkRe = regexp.MustCompile(`/confirm-email/([A-Za-z0-9_-]+)/`)

// link is the confirmation link of the newest confirmation mail to an address.
func (m mailbox) link(t *testing.T, to string) string {
	t.Helper()
	link := ""
	for _, e := range m.all(t) {
		if e.to == to && strings.HasPrefix(e.name, "confirm-") {
			if l := linkRe.FindString(e.body); l != "" {
				link = l
			}
		}
	}
	if link == "" {
		t.Fatalf("no confirmation link mailed to %s", to)
	}
	return link
}

// jobs builds the engine and the sender on the server's store, quotes and
// clock, mailing .eml files to dir; run does one cycle and one delivery.
type jobs struct {
	engine *alerts.Engine
	sender *alerts.Sender
}

func newJobs(srv *server.Server, dir string) jobs {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	env := srv.Env
	s := &alerts.Sender{Store: env.Store, Mailer: alerts.FileMailer{Dir: dir}, BaseURL: "http://stonks.test",
		Now: env.Now, Log: log, Backoff: time.Minute, MaxBackoff: time.Hour, Batch: 500}
	e := &alerts.Engine{Store: env.Store, Quotes: srv.Quotes, Streams: srv.Hub, Render: env.RenderString,
		Now: env.Now, Log: log, Batch: 1000}
	return jobs{engine: e, sender: s}
}

func (j jobs) run(t *testing.T) {
	t.Helper()
	if _, err := j.engine.Cycle(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := j.sender.Deliver(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// The abuse of the issue: an account makes 300 alerts to a stranger's
// address. Only 100 are accepted; the stranger gets one confirmation mail
// and no alert mail; once confirmed, at most NoticesPerHour an hour.
func TestAlertsToAStrangerWaitForConfirmation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		clock := &testClock{t: time.Now().UTC().Truncate(time.Second)}
		srv.Env.Now = clock.Now
		box := mailbox{dir: t.TempDir()}
		j := newJobs(srv, box.dir)
		c := client(t, srv, "eve", "en")
		q, err := srv.Quotes.Latest(context.Background(), []string{"PETR4"})
		if err != nil || q["PETR4"].Price.IsZero() {
			t.Fatalf("no PETR4 price: %v", err)
		}
		buy := q["PETR4"].Price.Mul(dec("2")).StringFixed(2) // in the buy zone at once
		const stranger = "victim@example.org"
		created, refused := 0, 0
		for i := 0; i < 300; i++ {
			r := c.Post("/create-alert/", alertForm("email", "Victim@Example.org", "compra", buy, "venda", ""))
			switch r.StatusCode {
			case http.StatusSeeOther:
				created++
			case http.StatusUnprocessableEntity:
				refused++
				if i == 299 && !strings.Contains(r.Body, "You can have at most 100 alerts.") {
					t.Fatalf("422 without the cap's message: %v", apptest.FieldErrors(r.Body))
				}
			default:
				t.Fatalf("create %d: %d", i, r.StatusCode)
			}
		}
		if created != db.MaxAlertsPerUser || refused != 200 {
			t.Fatalf("%d created, %d refused; want 100 and 200", created, refused)
		}
		list := c.Get("/alerts/")
		if !strings.Contains(list.Body, "waiting for e-mail confirmation") {
			t.Fatal("the list does not say the alerts wait for their address")
		}
		j.run(t)
		j.run(t)
		if conf, notices := box.count(t, stranger); conf != 1 || notices != 0 {
			t.Fatalf("stranger got %d confirmation and %d alert mails before confirming; want 1 and 0", conf, notices)
		}
		// Opening the link confirms nothing (mail scanners follow links).
		link := box.link(t, stranger)
		page := c.Get(link)
		if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, stranger) {
			t.Fatalf("confirm page: %d", page.StatusCode)
		}
		j.run(t)
		if _, notices := box.count(t, stranger); notices != 0 {
			t.Fatalf("%d alert mails after only opening the link", notices)
		}
		// The stranger (no account, no session) confirms.
		anon := apptest.NewClient(t, srv)
		anon.Get(link)
		if r := anon.Post(link, nil); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, "Endereço confirmado") {
			t.Fatalf("confirm: %d", r.StatusCode)
		}
		if r := anon.Post(link, nil); r.StatusCode != http.StatusNotFound {
			t.Fatalf("second use of the link: %d, want 404", r.StatusCode)
		}
		j.run(t)
		if _, notices := box.count(t, stranger); notices != alerts.NoticesPerHour {
			t.Fatalf("%d alert mails in the first hour; want the cap, %d", notices, alerts.NoticesPerHour)
		}
		clock.add(61 * time.Minute)
		if _, err := j.sender.Deliver(context.Background()); err != nil {
			t.Fatal(err)
		}
		if _, notices := box.count(t, stranger); notices != 2*alerts.NoticesPerHour {
			t.Fatalf("%d alert mails after the second hour; want %d (deferred, not lost)", notices, 2*alerts.NoticesPerHour)
		}
		if strings.Contains(c.Get("/alerts/").Body, "waiting for e-mail confirmation") {
			t.Fatal("the list still says the alerts wait")
		}
	})
}

// The account's own address is confirmed the same way, by the mail sent at
// sign-up; until then its alert mail waits. An expired link is refused.
func TestAccountAddressConfirmedBySignUpMail(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		clock := &testClock{t: time.Now().UTC().Truncate(time.Second)}
		srv.Env.Now = clock.Now
		box := mailbox{dir: t.TempDir()}
		j := newJobs(srv, box.dir)
		c := client(t, srv, "fay", "pt-BR")
		q, err := srv.Quotes.Latest(context.Background(), []string{"VALE3"})
		if err != nil || q["VALE3"].Price.IsZero() {
			t.Fatalf("no VALE3 price: %v", err)
		}
		buy := q["VALE3"].Price.Mul(dec("2")).StringFixed(2)
		// A blank e-mail field means the account's address.
		if r := c.Post("/create-alert/", alertForm("email", "", "ativo", "VALE3", "compra", strings.Replace(buy, ".", ",", 1), "venda", "")); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if a := alertsOf(t, srv, "fay"); len(a) != 1 || a[0].Email != "fay@example.com" || a[0].EmailConfirmed {
			t.Fatalf("alert %+v; want the account's address, unconfirmed", a)
		}
		if !strings.Contains(c.Get("/alerts/").Body, "aguardando confirmação do e-mail") {
			t.Fatal("the list does not say the alert waits (pt-BR)")
		}
		j.run(t)
		if conf, notices := box.count(t, "fay@example.com"); conf != 1 || notices != 0 {
			t.Fatalf("%d confirmation and %d alert mails; want 1 and 0 before confirming", conf, notices)
		}
		link := box.link(t, "fay@example.com")
		clock.add(49 * time.Hour)
		if r := c.Get(link); r.StatusCode != http.StatusNotFound || !strings.Contains(r.Body, "Link inválido") {
			t.Fatalf("expired link page: %d", r.StatusCode)
		}
		if r := c.Post(link, nil); r.StatusCode != http.StatusNotFound {
			t.Fatalf("expired link: %d, want 404", r.StatusCode)
		}
		j.run(t)
		if _, notices := box.count(t, "fay@example.com"); notices != 0 {
			t.Fatalf("%d alert mails after an expired link", notices)
		}
		// Saving the alert again asks for a new link, which works.
		id := alertsOf(t, srv, "fay")[0].ID
		if r := c.Post("/update-alert/"+itoa(id)+"/", alertForm("email", "", "ativo", "VALE3", "compra", strings.Replace(buy, ".", ",", 1), "venda", "")); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("update: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		j.run(t)
		if conf, _ := box.count(t, "fay@example.com"); conf != 2 {
			t.Fatalf("%d confirmation mails; want a second one after the first expired", conf)
		}
		if r := c.Post(box.link(t, "fay@example.com"), nil); r.StatusCode != http.StatusOK {
			t.Fatalf("confirm: %d", r.StatusCode)
		}
		j.run(t)
		// The notice of the first cycle and the re-armed alert's one waited; both go.
		if _, notices := box.count(t, "fay@example.com"); notices != 2 {
			t.Fatalf("%d alert mails after confirming; want the 2 that waited", notices)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
