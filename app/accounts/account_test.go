package accounts_test

import (
	"context"
	"io"
	"maps"
	"mime"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/alerts"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// mailServer is a server whose mail goes to a directory of its own and
// whose clock the test moves.
type mailServer struct {
	*server.Server
	dir  string
	seen map[string]bool // reset mails read
	mu   sync.Mutex
	now  time.Time
}

func (s *mailServer) clock() time.Time { s.mu.Lock(); defer s.mu.Unlock(); return s.now }
func (s *mailServer) add(d time.Duration) {
	s.mu.Lock()
	s.now = s.now.Add(d)
	s.mu.Unlock()
}

func eachMailServer(t *testing.T, fn func(t *testing.T, s *mailServer)) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		cfg := apptest.Config(t)
		cfg.MailDir = t.TempDir()
		s := &mailServer{Server: apptest.New(t, store, &cfg), dir: cfg.MailDir, seen: map[string]bool{}, now: time.Now().UTC().Truncate(time.Second)}
		s.Env.Now = s.clock
		fn(t, s)
	})
}

// eml is one mail read back from MAIL_DIR.
type eml struct{ name, to, subject, body string }

func (s *mailServer) mails(t *testing.T, prefix string) []eml {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(s.dir, prefix+"*.eml"))
	var out []eml
	for _, f := range files {
		raw, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		msg, err := mail.ReadMessage(raw)
		if err != nil {
			raw.Close()
			t.Fatal(err)
		}
		var body io.Reader = msg.Body
		if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(msg.Body)
		}
		b, _ := io.ReadAll(body)
		raw.Close()
		subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		out = append(out, eml{name: filepath.Base(f), to: strings.Trim(msg.Header.Get("To"), "<>"), subject: subject, body: string(b)})
	}
	return out
}

var resetLink = regexp.MustCompile(`/password-reset/([A-Za-z0-9_-]+)/`)

// newResetLink waits for a reset mail to an address that was not read yet
// (mails are sent after the answer) and returns its link.
func (s *mailServer) newResetLink(t *testing.T, to string) string {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; {
		for _, m := range s.mails(t, "reset-") {
			if m.to == to && !s.seen[m.name] {
				s.seen[m.name] = true
				return resetLink.FindString(m.body)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no new reset mail to %s after 30 s", to)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func login(t *testing.T, s *mailServer, username, password string) *apptest.Response {
	t.Helper()
	return apptest.NewClient(t, s.Server).Post("/login/", url.Values{"username": {username}, "password": {password}})
}

func loggedIn(c *apptest.Client) bool { return c.Get("/account/").StatusCode == http.StatusOK }

func resetForm(p1, p2 string) url.Values {
	return url.Values{"new_password1": {p1}, "new_password2": {p2}}
}

const newPassword = "nova senha forte 7"

// The whole reset: ask by e-mail, follow the mailed link, set a new
// password; every session of the account ends; the link works once; an
// unknown address gets the same answer and no mail.
func TestPasswordResetFlow(t *testing.T) {
	eachMailServer(t, func(t *testing.T, s *mailServer) {
		t.Parallel()
		c := apptest.NewClient(t, s.Server)
		c.Register("rita")
		other := apptest.NewClient(t, s.Server)
		if r := other.Post("/login/", url.Values{"username": {"rita"}, "password": {apptest.Password}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("second session: %d", r.StatusCode)
		}
		anon := apptest.NewClient(t, s.Server)
		anon.Header.Set("Accept-Language", "en")
		if r := anon.Get("/login/"); !strings.Contains(r.Body, `href="/password-reset/"`) {
			t.Fatal("the login page has no link to reset the password")
		}
		if r := anon.Get("/password-reset/"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `action="/password-reset/"`) {
			t.Fatalf("reset request page: %d", r.StatusCode)
		}
		known := anon.Post("/password-reset/", url.Values{"email": {"Rita@Example.com"}})
		unknown := anon.Post("/password-reset/", url.Values{"email": {"nobody@example.com"}})
		if known.StatusCode != http.StatusOK || !strings.Contains(known.Body, `id="reset-sent"`) {
			t.Fatalf("request: %d %v", known.StatusCode, apptest.FieldErrors(known.Body))
		}
		if unknown.StatusCode != known.StatusCode || strings.ReplaceAll(unknown.Body, "nobody@example.com", "Rita@Example.com") != known.Body {
			t.Fatal("an unknown address gets another answer than a known one")
		}
		link := s.newResetLink(t, "rita@example.com")
		m := s.mails(t, "reset-")
		if len(m) != 1 || m[0].subject != "Reset your Stonks password" || !strings.Contains(m[0].body, "http://localhost:8080"+link) {
			t.Fatalf("mails %+v: want one reset mail in English with the full link", m)
		}
		if r := anon.Get(link); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `action="`+link+`"`) {
			t.Fatalf("link page: %d", r.StatusCode)
		}
		r := anon.Post(link, resetForm(newPassword, "something else 9"))
		if r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "new_password2") != "The two password fields didn't match." {
			t.Fatalf("mismatch: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if r := anon.Post(link, resetForm("rita@example", "rita@example")); apptest.FieldError(r.Body, "new_password1") == "" {
			t.Fatal("a new password like the username was accepted")
		}
		// Followed in a browser logged in to the account: its cookie goes too.
		if r := c.Post(link, resetForm(newPassword, newPassword)); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `id="reset-done"`) {
			t.Fatalf("reset: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if c.Cookie("stonks_session") != "" {
			t.Error("the browser that reset the password keeps its session cookie")
		}
		if loggedIn(c) || loggedIn(other) {
			t.Fatal("a session of the account survived the reset")
		}
		if r := login(t, s, "rita", apptest.Password); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("old password after the reset: %d", r.StatusCode)
		}
		if r := login(t, s, "rita", newPassword); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("new password: %d", r.StatusCode)
		}
		if r := anon.Post(link, resetForm("third password 3", "third password 3")); r.StatusCode != http.StatusNotFound || !strings.Contains(r.Body, `id="reset-invalid"`) {
			t.Fatalf("second use of the link: %d, want 404", r.StatusCode)
		}
		if r := anon.Get(link); r.StatusCode != http.StatusNotFound {
			t.Fatalf("used link page: %d, want 404", r.StatusCode)
		}
		if r := login(t, s, "rita", "third password 3"); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatal("the used link changed the password again")
		}
		for _, m := range s.mails(t, "") {
			if m.to == "nobody@example.com" {
				t.Fatal("mail sent to an address no account has")
			}
		}
	})
}

// A link an hour old no longer works.
func TestPasswordResetLinkExpires(t *testing.T) {
	eachMailServer(t, func(t *testing.T, s *mailServer) {
		t.Parallel()
		apptest.NewClient(t, s.Server).Register("sara")
		anon := apptest.NewClient(t, s.Server)
		anon.Post("/password-reset/", url.Values{"email": {"sara@example.com"}})
		link := s.newResetLink(t, "sara@example.com")
		s.add(61 * time.Minute)
		if r := anon.Get(link); r.StatusCode != http.StatusNotFound {
			t.Fatalf("expired link page: %d, want 404", r.StatusCode)
		}
		if r := anon.Post(link, resetForm(newPassword, newPassword)); r.StatusCode != http.StatusNotFound {
			t.Fatalf("expired link: %d, want 404", r.StatusCode)
		}
		if r := login(t, s, "sara", apptest.Password); r.StatusCode != http.StatusSeeOther {
			t.Fatal("the expired link changed the password")
		}
	})
}

// A link changes the password of the account it was mailed for, whoever
// follows it: another logged-in user cannot use it on their own account.
func TestPasswordResetLinkIsTheOwners(t *testing.T) {
	eachMailServer(t, func(t *testing.T, s *mailServer) {
		t.Parallel()
		apptest.NewClient(t, s.Server).Register("tina")
		bob := apptest.NewClient(t, s.Server)
		bob.Register("bob")
		bob.Post("/password-reset/", url.Values{"email": {"tina@example.com"}})
		link := s.newResetLink(t, "tina@example.com")
		if r := bob.Post(link, resetForm(newPassword, newPassword)); r.StatusCode != http.StatusOK {
			t.Fatalf("reset: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if r := login(t, s, "bob", apptest.Password); r.StatusCode != http.StatusSeeOther {
			t.Fatal("tina's link changed bob's password")
		}
		if !loggedIn(bob) {
			t.Fatal("tina's link ended bob's session")
		}
		if r := login(t, s, "tina", newPassword); r.StatusCode != http.StatusSeeOther {
			t.Fatal("tina's link did not change tina's password")
		}
		for _, bad := range []string{"/password-reset/" + strings.Repeat("A", 43) + "/", "/password-reset/x%22y/"} {
			if r := bob.Post(bad, resetForm(newPassword, newPassword)); r.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", bad, r.StatusCode)
			}
		}
	})
}

// Reset links are limited per address and per client address.
func TestPasswordResetRequestsAreLimited(t *testing.T) {
	eachMailServer(t, func(t *testing.T, s *mailServer) {
		t.Parallel()
		c := apptest.NewClient(t, s.Server)
		c.Header.Set("Accept-Language", "en")
		for i := 0; i < 3; i++ {
			if r := c.Post("/password-reset/", url.Values{"email": {"x@example.com"}}); r.StatusCode != http.StatusOK {
				t.Fatalf("request %d: %d", i, r.StatusCode)
			}
		}
		r := c.Post("/password-reset/", url.Values{"email": {"X@example.com"}})
		if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" || !strings.Contains(r.Body, "Too many requests for a reset link") {
			t.Fatalf("4th request for one address: %d, want 429 with Retry-After and a message", r.StatusCode)
		}
		for i := 0; i < 7; i++ {
			if r := c.Post("/password-reset/", url.Values{"email": {"y" + itoa(int64(i)) + "@example.com"}}); r.StatusCode != http.StatusOK {
				t.Fatalf("request %d for another address: %d", i, r.StatusCode)
			}
		}
		if r := c.Post("/password-reset/", url.Values{"email": {"z@example.com"}}); r.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("11th request from one client: %d, want 429", r.StatusCode)
		}
		s.add(61 * time.Minute)
		if r := c.Post("/password-reset/", url.Values{"email": {"x@example.com"}}); r.StatusCode != http.StatusOK {
			t.Fatalf("an hour later: %d", r.StatusCode)
		}
	})
}

// Changing the password needs the current one; the other sessions end,
// this one stays.
func TestChangePassword(t *testing.T) {
	eachMailServer(t, func(t *testing.T, s *mailServer) {
		t.Parallel()
		c := apptest.NewClient(t, s.Server)
		c.Header.Set("Accept-Language", "en")
		c.Register("ugo")
		other := apptest.NewClient(t, s.Server)
		other.Post("/login/", url.Values{"username": {"ugo"}, "password": {apptest.Password}})
		if r := c.Get("/"); !strings.Contains(r.Body, `<a href="/account/">Account</a>`) {
			t.Fatal("the navbar has no link to the account's settings")
		}
		if r := c.Get("/account/"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `action="/account/password/"`) {
			t.Fatalf("settings page: %d", r.StatusCode)
		}
		form := url.Values{"old_password": {"not my password"}, "new_password1": {newPassword}, "new_password2": {newPassword}}
		r := c.Post("/account/password/", form)
		if r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "old_password") != "Your password was entered incorrectly. Please enter it again." {
			t.Fatalf("wrong current password: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if r := login(t, s, "ugo", newPassword); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatal("the password changed without the current one")
		}
		form.Set("old_password", apptest.Password)
		r = c.Post("/account/password/", form)
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/account/?done=password" {
			t.Fatalf("change: %d %q %v", r.StatusCode, r.Header.Get("Location"), apptest.FieldErrors(r.Body))
		}
		if !loggedIn(c) {
			t.Fatal("the session that changed the password was ended")
		}
		if loggedIn(other) {
			t.Fatal("another session survived the password change")
		}
		if r := login(t, s, "ugo", newPassword); r.StatusCode != http.StatusSeeOther {
			t.Fatal("the new password does not log in")
		}
	})
}

// A new e-mail address takes effect only once the link mailed to it (the
// alerts' confirmation flow) is followed.
func TestChangeEmailWaitsForConfirmation(t *testing.T) {
	eachMailServer(t, func(t *testing.T, s *mailServer) {
		t.Parallel()
		ctx := context.Background()
		c := apptest.NewClient(t, s.Server)
		c.Header.Set("Accept-Language", "en")
		c.Register("vera")
		if r := c.Post("/account/email/", url.Values{"email": {"vera@new.example"}, "password": {"wrong one"}}); r.StatusCode != http.StatusUnprocessableEntity ||
			apptest.FieldError(r.Body, "password") == "" {
			t.Fatalf("wrong password: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		r := c.Post("/account/email/", url.Values{"email": {"Vera@New.example"}, "password": {apptest.Password}})
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/account/?done=email-pending" {
			t.Fatalf("change: %d %q %v", r.StatusCode, r.Header.Get("Location"), apptest.FieldErrors(r.Body))
		}
		u, _ := s.Env.Store.UserByUsername(ctx, "vera")
		if u.Email != "vera@example.com" {
			t.Fatalf("address is %q before confirmation", u.Email)
		}
		if page := c.Get("/account/?done=email-pending"); !strings.Contains(page.Body, "Waiting for confirmation: vera@new.example") {
			t.Fatal("the settings page does not show the pending address")
		}
		sender := &alerts.Sender{Store: s.Env.Store, Mailer: alerts.FileMailer{Dir: s.dir}, BaseURL: "http://stonks.test",
			Now: s.clock, Log: s.Env.Log, Backoff: time.Minute, MaxBackoff: time.Hour, Batch: 50}
		if _, err := sender.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
		link := ""
		for _, m := range s.mails(t, "confirm-") {
			if m.to == "vera@new.example" {
				link = regexp.MustCompile(`/confirm-email/[A-Za-z0-9_-]+/`).FindString(m.body)
			}
		}
		if link == "" {
			t.Fatal("no confirmation link mailed to the new address")
		}
		if r := apptest.NewClient(t, s.Server).Post(link, nil); r.StatusCode != http.StatusOK {
			t.Fatalf("confirm: %d", r.StatusCode)
		}
		u, _ = s.Env.Store.UserByUsername(ctx, "vera")
		if u.Email != "vera@new.example" || u.PendingEmail != nil {
			t.Fatalf("after confirmation: email %q, pending %v", u.Email, u.PendingEmail)
		}
	})
}

// userRows counts a user's rows in every table that holds user data.
func userRows(t *testing.T, store *db.Store, id int64, username string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for table, where := range map[string]string{
		"users": "id = ?", "sessions": "user_id = ?", "email_addresses": "user_id = ?", "alerts": "user_id = ?",
		"alert_notices": "user_id = ?", "wallet_items": "user_id = ?", "rooms": "host_id = ?", "messages": "user_id = ?",
		"room_participants": "user_id = ?", "password_resets": "user_id = ?",
	} {
		n, err := store.DB.NewSelect().Table(table).Where(where, id).Count(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		out[table] = int(n)
	}
	n, err := store.DB.NewSelect().Table("login_failures").Where("username = ?", username).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out["login_failures"] = int(n)
	return out
}

// giveData gives a user a row in every table: a wallet item, an alert and
// its notice, a room they host with a message, a message in room, a
// pending reset link and a failed login.
func giveData(t *testing.T, s *mailServer, u *db.User, room int64) int64 {
	t.Helper()
	ctx, store, now := context.Background(), s.Env.Store, s.clock()
	if err := store.CreateWalletItem(ctx, &db.WalletItem{UserID: u.ID, Ticker: "PETR4", PrecoMedio: decimal.NewFromInt(30), Quantidade: 10, Nota: decimal.NewFromInt(1)}, time.Now()); err != nil {
		t.Fatal(err)
	}
	a := &db.Alert{UserID: u.ID, Email: u.Email, Ticker: "VALE3", BuyPrice: decimal.NewNullDecimal(decimal.NewFromInt(50)), PeriodMinutes: 5,
		DurationDays: 7, Lang: "en", Zone: "none", CreatedAt: now, ExpiresAt: now.Add(time.Hour), NextCheckAt: now}
	if err := store.CreateAlert(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := store.DB.NewInsert().Model(&db.AlertNotice{IdemKey: "n-" + u.Username, AlertID: a.ID, UserID: u.ID, Kind: "buy", Email: u.Email,
		Ticker: "VALE3", Lang: "en", CreatedAt: now, NextAttemptAt: now}).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	own := &db.Room{HostID: u.ID, Name: "Sala de " + u.Username}
	if err := store.CreateRoom(ctx, own, "geral", time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, r := range []int64{own.ID, room} {
		if r == 0 {
			continue
		}
		if _, err := store.CreateMessage(ctx, &db.Message{RoomID: r, UserID: u.ID, Body: "oi de " + u.Username}, time.Now); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.CreatePasswordReset(ctx, u.ID, "hash-"+u.Username, now, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	login(t, s, u.Username, "wrong password")
	return own.ID
}

// Deleting the account needs the password, removes every row of the user
// and logs the browser out; another user's data stays as it was.
func TestDeleteAccount(t *testing.T) {
	eachMailServer(t, func(t *testing.T, s *mailServer) {
		t.Parallel()
		ctx, store := context.Background(), s.Env.Store
		c := apptest.NewClient(t, s.Server)
		c.Header.Set("Accept-Language", "en")
		c.Register("wanda")
		apptest.NewClient(t, s.Server).Register("xavier")
		wanda, _ := store.UserByUsername(ctx, "wanda")
		xavier, _ := store.UserByUsername(ctx, "xavier")
		xRoom := giveData(t, s, xavier, 0)
		giveData(t, s, wanda, xRoom) // wanda also writes in xavier's room
		before := userRows(t, store, wanda.ID, "wanda")
		for table, n := range before {
			if n == 0 {
				t.Fatalf("wanda has no row in %s: the test would prove nothing", table)
			}
		}
		xBefore := userRows(t, store, xavier.ID, "xavier")
		xMessages, _ := store.DB.NewSelect().Table("messages").Where("room_id = ?", xRoom).Count(ctx)

		r := c.Post("/account/delete/", url.Values{"password": {"not it"}})
		if r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "delete-password") == "" {
			t.Fatalf("wrong password: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if n := userRows(t, store, wanda.ID, "wanda")["users"]; n != 1 {
			t.Fatal("deleted with a wrong password")
		}
		r = c.Post("/account/delete/", url.Values{"password": {apptest.Password}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		for table, n := range userRows(t, store, wanda.ID, "wanda") {
			if n != 0 {
				t.Errorf("%d rows of the deleted user left in %s", n, table)
			}
		}
		if got := userRows(t, store, xavier.ID, "xavier"); !maps.Equal(got, xBefore) {
			t.Errorf("xavier's rows changed: %v, were %v", got, xBefore)
		}
		if n, _ := store.DB.NewSelect().Table("messages").Where("room_id = ?", xRoom).Count(ctx); int(n) != int(xMessages)-1 {
			t.Errorf("xavier's room has %d messages, want %d (only wanda's one gone)", n, xMessages-1)
		}
		if loggedIn(c) {
			t.Fatal("the browser is still logged in")
		}
		if r := login(t, s, "wanda", apptest.Password); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("login to the deleted account: %d", r.StatusCode)
		}
	})
}

// Guessing the current password through the settings forms is throttled as
// logins are: after 5 wrong ones even the right one waits.
func TestCurrentPasswordGuessesAreThrottled(t *testing.T) {
	eachMailServer(t, func(t *testing.T, s *mailServer) {
		t.Parallel()
		c := apptest.NewClient(t, s.Server)
		c.Register("yara")
		for i := 0; i < 5; i++ {
			if r := c.Post("/account/delete/", url.Values{"password": {"guess " + itoa(int64(i))}}); r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("guess %d: %d", i, r.StatusCode)
			}
		}
		r := c.Post("/account/delete/", url.Values{"password": {apptest.Password}})
		if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
			t.Fatalf("6th try: %d, want 429 with Retry-After", r.StatusCode)
		}
		if u, err := s.Env.Store.UserByUsername(context.Background(), "yara"); err != nil || u.ID == 0 {
			t.Fatal("the account was deleted past the throttle")
		}
		s.add(6 * time.Minute)
		if r := c.Post("/account/delete/", url.Values{"password": {apptest.Password}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("after the window: %d", r.StatusCode)
		}
	})
}
