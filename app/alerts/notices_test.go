package alerts_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// Every notice is kept for its user: the navbar counts the unread ones on
// every page, /notifications/ lists them (newest first, only the user's
// own) and marks them read, and the count goes back to zero. Another
// user's notices stay unread and invisible.
func TestNotificationsPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		cfg := apptest.Config(t)
		cfg.AlertsInterval = 200 * time.Millisecond
		cfg.MailDir = t.TempDir()
		srv := apptest.New(t, store, &cfg)
		apptest.Listen(t, srv) // runs the alert engine
		ctx := context.Background()

		ana, bia := client(t, srv, "ana", "en"), client(t, srv, "bia", "en")
		count := func(c *apptest.Client) string {
			t.Helper()
			page := c.Get("/alerts/")
			_, rest, ok := strings.Cut(page.Body, `<span id="notice-count" class="count">`)
			n, _, ok2 := strings.Cut(rest, "</span>")
			if page.StatusCode != http.StatusOK || !ok || !ok2 {
				t.Fatalf("no unread count in the navbar (%d)", page.StatusCode)
			}
			return n
		}
		if n := count(ana); n != "" {
			t.Fatalf("the navbar counts %q unread before any notice", n)
		}

		q, err := srv.Quotes.Latest(ctx, []string{"PETR4", "VALE3"})
		if err != nil || q["PETR4"].Price.IsZero() || q["VALE3"].Price.IsZero() {
			t.Fatalf("no prices: %v", err)
		}
		// Buy prices above the current ones: each alert fires on its first check.
		for _, a := range []struct {
			c      *apptest.Client
			ticker string
		}{{ana, "PETR4"}, {ana, "VALE3"}, {bia, "VALE3"}} {
			f := alertForm("ativo", a.ticker, "compra", q[a.ticker].Price.Mul(dec("2")).StringFixed(2), "venda", "")
			if r := a.c.Post("/create-alert/", f); r.StatusCode != http.StatusSeeOther {
				t.Fatalf("create: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
			}
		}
		anaID, biaID := user(t, srv, "ana").ID, user(t, srv, "bia").ID
		apptest.Eventually(t, 10*time.Second, "the notices", func() bool {
			a, _ := store.UnreadNotices(ctx, anaID)
			b, _ := store.UnreadNotices(ctx, biaID)
			return a == 2 && b == 1
		})
		if n := count(ana); n != "2" {
			t.Fatalf("the navbar counts %q unread, want 2", n)
		}

		page := ana.Get("/notifications/")
		if page.StatusCode != http.StatusOK || strings.Count(page.Body, `class="notice notice-buy unread"`) != 2 ||
			!strings.Contains(page.Body, "PETR4 is at R$") || !strings.Contains(page.Body, "VALE3 is at R$") {
			t.Fatalf("the notifications page does not list ana's two new notices (%d):\n%s", page.StatusCode, page.Body)
		}
		theirs, err := store.NoticesOfUser(ctx, biaID, 10)
		if err != nil || len(theirs) != 1 {
			t.Fatalf("bia's notices: %v %v", theirs, err)
		}
		if strings.Contains(page.Body, fmt.Sprintf(`id="notice-%d"`, theirs[0].ID)) {
			t.Fatal("ana's notifications list bia's notice")
		}
		mine, _ := store.NoticesOfUser(ctx, anaID, 10)
		if len(mine) != 2 || strings.Index(page.Body, fmt.Sprintf(`id="notice-%d"`, mine[0].ID)) > strings.Index(page.Body, fmt.Sprintf(`id="notice-%d"`, mine[1].ID)) || mine[0].ID < mine[1].ID {
			t.Fatal("the notifications are not newest first")
		}

		// Seen: the count is gone, the page no longer marks them new; bia's are untouched.
		if n := count(ana); n != "" {
			t.Fatalf("after viewing the notifications the navbar counts %q unread", n)
		}
		if again := ana.Get("/notifications/"); strings.Contains(again.Body, "unread") || !strings.Contains(again.Body, "PETR4 is at R$") {
			t.Fatal("a second view still marks the notices new, or lost them")
		}
		if n := count(bia); n != "1" {
			t.Fatalf("bia's navbar counts %q unread after ana read hers, want 1", n)
		}
	})
}
