package alerts_test

import (
	"bufio"
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// The whole path with the real jobs: a user with a page open (its stream
// subscribed) creates an alert whose buy price is above the current price;
// within a cycle the notice arrives on user-{id}, and an .eml file is in
// MAIL_DIR. Another user cannot subscribe to that stream.
func TestNoticeArrivesLive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		cfg := apptest.Config(t)
		cfg.AlertsInterval = 200 * time.Millisecond
		cfg.MailDir = filepath.Join(t.TempDir(), "mail")
		srv := apptest.New(t, store, &cfg)
		base := apptest.Listen(t, srv)

		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "en")
		c.Register("gil")
		uid := user(t, srv, "gil").ID
		stream := base + "/sse?stream=user-" + strconv.FormatInt(uid, 10)

		intruder := apptest.NewClient(t, srv)
		intruder.Register("hacker")
		if resp := sseGet(t, context.Background(), stream, intruder); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("another user's stream: %d, want 403", resp.StatusCode)
		}

		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		resp := sseGet(t, ctx, stream, c)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("own stream: %d", resp.StatusCode)
		}
		q, err := srv.Quotes.Latest(context.Background(), []string{"PETR4"})
		if err != nil || q["PETR4"].Price.IsZero() {
			t.Fatalf("no PETR4 price: %v", err)
		}
		buy := q["PETR4"].Price.Mul(dec("2")).StringFixed(2)
		if r := c.Post("/create-alert/", alertForm("compra", buy, "venda", "", "email", "gil@example.com")); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}

		// Read frames (data lines, event line, blank line) until a notice.
		event, data, got := "", "", false
		sc := bufio.NewScanner(resp.Body)
		for !got && sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				got = event == "notice"
				if !got {
					event, data = "", ""
				}
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data += strings.TrimPrefix(line, "data: ") + "\n"
			}
		}
		if event != "notice" || !strings.Contains(data, `class="toast toast-buy"`) ||
			!strings.Contains(data, "PETR4 is at R$") || !strings.Contains(data, "at or below your buy price of R$") {
			t.Fatalf("no notice on the stream before the deadline (event %q, data %q, err %v)", event, data, sc.Err())
		}
		// The toast also brings the navbar's unread count, out of band.
		if !strings.Contains(data, `<span id="notice-count" class="count" hx-swap-oob="true">1</span>`) {
			t.Fatalf("the toast does not update the navbar's unread count:\n%s", data)
		}
		// The account's address is not confirmed yet: the sender mails its
		// link, and the alert mail waits for it.
		box := mailbox{dir: cfg.MailDir}
		waitMail := func(what string, cond func() bool) {
			for deadline := time.Now().Add(10 * time.Second); !cond(); {
				if time.Now().After(deadline) {
					t.Fatalf("no %s in MAIL_DIR before the deadline", what)
				}
				time.Sleep(20 * time.Millisecond) // polling a directory: no event to wait on
			}
		}
		waitMail("confirmation link", func() bool { conf, _ := box.count(t, "gil@example.com"); return conf == 1 })
		if r := c.Post(box.link(t, "gil@example.com"), nil); r.StatusCode != http.StatusOK {
			t.Fatalf("confirm: %d", r.StatusCode)
		}
		waitMail("alert mail", func() bool { _, n := box.count(t, "gil@example.com"); return n > 0 })
		if _, n := box.count(t, "gil@example.com"); n != 1 {
			t.Fatalf("%d alert mails to gil", n)
		}
	})
}

// sseGet opens a stream with the client's cookies over a real connection.
func sseGet(t *testing.T, ctx context.Context, u string, c *apptest.Client) *http.Response {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	base, _ := url.Parse("http://stonks.test")
	for _, ck := range c.Jar.Cookies(base) {
		req.AddCookie(ck)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}
