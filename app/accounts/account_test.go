package accounts_test

import (
	"context"
	"io"
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
		if r := anon.Post(link, resetForm(newPassword, newPassword)); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `id="reset-done"`) {
			t.Fatalf("reset: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
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

var _ = decimal.Zero
var _ = alerts.NewToken
var _ = context.Background
