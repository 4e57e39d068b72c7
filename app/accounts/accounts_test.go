package accounts_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

func registerForm(user, email, p1, p2 string) url.Values {
	return url.Values{"username": {user}, "email": {email}, "password1": {p1}, "password2": {p2}}
}

func exists(t *testing.T, srv *server.Server, username string) bool {
	t.Helper()
	ok, err := srv.Env.Store.UsernameTaken(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestRegister(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "en")
		r := c.Post("/register/?next=/forum/", registerForm("Ana.Silva", "ana@example.com", "vale tudo 42", "vale tudo 42"))
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/forum/" {
			t.Fatalf("register: %d to %q, errors %v", r.StatusCode, r.Header.Get("Location"), apptest.FieldErrors(r.Body))
		}
		if !exists(t, srv, "ana.silva") {
			t.Fatal("username not stored lower-cased")
		}
		var session *http.Cookie
		for _, ck := range r.Cookies() {
			if ck.Name == "stonks_session" {
				session = ck
			}
		}
		if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure {
			t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Lax, not Secure on http", session)
		}
		home := c.Get("/")
		u, _ := srv.Env.Store.UserByUsername(context.Background(), "ana.silva")
		if !strings.Contains(home.Body, `<a href="/profile/`+itoa(u.ID)+`/">Hi, ana.silva</a>`) {
			t.Fatal("navbar does not greet the new user with a link to their profile")
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestRegisterValidation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "en")
		c.Register("taken")
		anon := apptest.NewClient(t, srv)
		anon.Header.Set("Accept-Language", "en")
		cases := []struct {
			name, field, want string
			form              url.Values
		}{
			{"empty username", "username", "This field is required.", registerForm("", "a@example.com", "vale tudo 42", "vale tudo 42")},
			{"bad characters", "username", "Use only letters, digits and @/./+/-/_.", registerForm("ana silva", "a@example.com", "vale tudo 42", "vale tudo 42")},
			{"too long", "username", "Ensure this value has at most 150 characters.", registerForm(strings.Repeat("a", 151), "a@example.com", "vale tudo 42", "vale tudo 42")},
			{"taken, other case", "username", "A user with that username already exists.", registerForm("TAKEN", "a@example.com", "vale tudo 42", "vale tudo 42")},
			{"bad e-mail", "email", "Enter a valid e-mail address.", registerForm("bia", "bia@", "vale tudo 42", "vale tudo 42")},
			{"short", "password1", "This password is too short. It must contain at least 8 characters.", registerForm("bia", "b@example.com", "a1b2c3", "a1b2c3")},
			{"numeric", "password1", "This password is entirely numeric.", registerForm("bia", "b@example.com", "73829104615", "73829104615")},
			{"common", "password1", "This password is too common.", registerForm("bia", "b@example.com", "iloveyou", "iloveyou")},
			{"like username", "password1", "The password is too similar to the username.", registerForm("robertocarlos", "b@example.com", "robertocarlos9", "robertocarlos9")},
			{"mismatch", "password2", "The two password fields didn't match.", registerForm("bia", "b@example.com", "vale tudo 42", "vale tudo 43")},
		}
		for _, tc := range cases {
			r := anon.Post("/register/", tc.form)
			if r.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s: status %d, want 422", tc.name, r.StatusCode)
			}
			if got := apptest.FieldError(r.Body, tc.field); got != tc.want {
				t.Errorf("%s: message next to %s = %q, want %q", tc.name, tc.field, got, tc.want)
			}
			if strings.Contains(r.Body, tc.form.Get("password1")+`"`) {
				t.Errorf("%s: the password is echoed back into the page", tc.name)
			}
			if u := strings.ToLower(tc.form.Get("username")); u != "" && u != "taken" && exists(t, srv, u) {
				t.Errorf("%s: user %q was written despite the error", tc.name, u)
			}
		}
		if anon.Cookie("stonks_session") != "" {
			t.Error("a failed sign-up logged the visitor in")
		}
	})
}

func TestRegisterEscapesInput(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := apptest.NewClient(t, srv)
		r := c.Post("/register/", registerForm("x", `"><script>alert(1)</script>`, "vale tudo 42", "vale tudo 42"))
		if r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", r.StatusCode)
		}
		if strings.Contains(r.Body, "<script>alert(1)") || !strings.Contains(r.Body, "&lt;script&gt;alert(1)") {
			t.Fatal("e-mail value reflected without escaping")
		}
	})
}

func TestLoginLogoutAndRotation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := apptest.NewClient(t, srv)
		c.Register("carla")
		first := c.Cookie("stonks_session")

		// Logging in again replaces the session id and kills the old one.
		r := c.Post("/login/", url.Values{"username": {"Carla"}, "password": {apptest.Password}, "next": {"/profile/1/"}})
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/profile/1/" {
			t.Fatalf("login: %d to %q %v", r.StatusCode, r.Header.Get("Location"), apptest.FieldErrors(r.Body))
		}
		second := c.Cookie("stonks_session")
		if second == "" || second == first {
			t.Fatal("session id was not rotated at login")
		}
		stale := apptest.NewClient(t, srv)
		stale.Jar.SetCookies(mustURL("http://stonks.test/"), []*http.Cookie{{Name: "stonks_session", Value: first}})
		if r := stale.Get("/logout/"); r.StatusCode != http.StatusFound {
			t.Fatalf("old session still logged in: %d", r.StatusCode)
		}

		// GET /logout/ only asks; POST logs out.
		if r := c.Get("/logout/"); r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `action="/logout/" method="post"`) {
			t.Fatalf("logout confirm page: %d", r.StatusCode)
		}
		if r := c.Get("/profile/1/"); r.StatusCode != http.StatusOK {
			t.Fatalf("GET /logout/ logged the user out: %d", r.StatusCode)
		}
		if r := c.Post("/logout/", nil); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout: %d", r.StatusCode)
		}
		if r := c.Get("/profile/1/"); r.StatusCode != http.StatusFound || r.Header.Get("Location") != "/login/?next=%2Fprofile%2F1%2F" {
			t.Fatalf("after logout: %d %q", r.StatusCode, r.Header.Get("Location"))
		}
		reuse := apptest.NewClient(t, srv)
		reuse.Jar.SetCookies(mustURL("http://stonks.test/"), []*http.Cookie{{Name: "stonks_session", Value: second}})
		if r := reuse.Get("/logout/"); r.StatusCode != http.StatusFound {
			t.Fatal("session still valid on the server after logout")
		}
	})
}

func TestLoginErrorsAndNext(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		apptest.NewClient(t, srv).Register("davi")
		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "pt-BR")
		r := c.Post("/login/", url.Values{"username": {"davi"}, "password": {"wrong password"}})
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Por favor, informe um usuário e senha corretos") {
			t.Fatalf("wrong password: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if r := c.Post("/login/", url.Values{"username": {""}, "password": {""}}); apptest.FieldError(r.Body, "username") != "Este campo é obrigatório." {
			t.Fatalf("empty login: %v", apptest.FieldErrors(r.Body))
		}
		for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
			c := apptest.NewClient(t, srv)
			r := c.Post("/login/", url.Values{"username": {"davi"}, "password": {apptest.Password}, "next": {next}})
			if r.Header.Get("Location") != "/" {
				t.Errorf("next=%q redirected to %q", next, r.Header.Get("Location"))
			}
		}
		if r := apptest.NewClient(t, srv).Get("/login/?next=//evil.example/"); !strings.Contains(r.Body, `<input type="hidden" name="next" value="">`) {
			t.Error("login page carries a foreign next")
		}
	})
}

func TestLoginThrottle(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		apptest.NewClient(t, srv).Register("eva")
		apptest.NewClient(t, srv).Register("fabio")
		c := apptest.NewClient(t, srv)
		for i := 0; i < 5; i++ {
			if r := c.Post("/login/", url.Values{"username": {"eva"}, "password": {"guess " + itoa(int64(i))}}); r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("failure %d: status %d", i, r.StatusCode)
			}
		}
		r := c.Post("/login/", url.Values{"username": {"eva"}, "password": {apptest.Password}})
		if r.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("6th try: status %d, want 429", r.StatusCode)
		}
		if ra := r.Header.Get("Retry-After"); ra == "" || ra == "0" || len(ra) > 3 {
			t.Fatalf("Retry-After %q: want a few minutes at most", ra)
		}
		if c.Cookie("stonks_session") != "" {
			t.Fatal("throttled login still logged in")
		}
		// Another account from the same address is not locked by eva's failures.
		if r := c.Post("/login/", url.Values{"username": {"fabio"}, "password": {apptest.Password}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("other user: status %d", r.StatusCode)
		}
	})
}

func TestLoginThrottlePerIP(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		apptest.NewClient(t, srv).Register("ivo")
		c := apptest.NewClient(t, srv)
		// One address guessing at many accounts: 20 failures, 4 per name.
		for i := 0; i < 20; i++ {
			name := "someone" + strconv.Itoa(i%5)
			if r := c.Post("/login/", url.Values{"username": {name}, "password": {"guess"}}); r.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("failure %d: %d", i, r.StatusCode)
			}
		}
		r := c.Post("/login/", url.Values{"username": {"ivo"}, "password": {apptest.Password}})
		if r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
			t.Fatalf("21st try from the same address: %d, want 429 with Retry-After", r.StatusCode)
		}
	})
}

func TestProfile(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := apptest.NewClient(t, srv)
		c.Register("gil")
		u, _ := srv.Env.Store.UserByUsername(context.Background(), "gil")
		own := c.Get("/profile/" + itoa(u.ID) + "/")
		if own.StatusCode != http.StatusOK || !strings.Contains(own.Body, `id="alerts"`) {
			t.Fatalf("own profile: %d, alerts section shown: %v", own.StatusCode, strings.Contains(own.Body, `id="alerts"`))
		}
		other := apptest.NewClient(t, srv)
		other.Register("hugo")
		if r := other.Get("/profile/" + itoa(u.ID) + "/"); r.StatusCode != http.StatusOK || strings.Contains(r.Body, `id="alerts"`) {
			t.Fatal("someone else's profile shows their alerts section")
		}
		for _, p := range []string{"/profile/999999/", "/profile/abc/", "/profile/-1/"} {
			if r := c.Get(p); r.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", p, r.StatusCode)
			}
		}
	})
}

func mustURL(s string) *url.URL { u, _ := url.Parse(s); return u }

// An unknown session cookie is deleted in the browser: the deleting
// Set-Cookie must carry the cookie's Path=/, or the browser keeps it.
func TestInvalidSessionCookieIsCleared(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := apptest.NewClient(t, srv)
		c.Jar.SetCookies(mustURL("http://stonks.test/"), []*http.Cookie{{Name: "stonks_session", Value: "forged", Path: "/"}})
		r := c.Get("/forum/")
		var cleared *http.Cookie
		for _, ck := range r.Cookies() {
			if ck.Name == "stonks_session" {
				cleared = ck
			}
		}
		if cleared == nil || cleared.Value != "" || cleared.Path != "/" || !expired(cleared) {
			t.Fatalf("Set-Cookie for the forged session: %+v, want an empty, expired cookie with Path=/", cleared)
		}
		if c.Cookie("stonks_session") != "" {
			t.Fatal("the browser still holds the forged session cookie")
		}
	})
}

// Names that look like an existing one are refused or are that account:
// fullwidth and invisible-character variants are the same name, a Cyrillic
// а among Latin letters is not a valid name at all.
func TestLookAlikeUsernames(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		apptest.NewClient(t, srv).Register("admin")
		anon := apptest.NewClient(t, srv)
		anon.Header.Set("Accept-Language", "en")
		for name, want := range map[string]string{
			"ａｄｍｉｎ":         "A user with that username already exists.",
			"ADMIN":         "A user with that username already exists.",
			"ad\u200bmin":   "A user with that username already exists.",
			"\u202eadmin":   "A user with that username already exists.",
			"\u0430dmin":    "Use only letters, digits and @/./+/-/_.", // Cyrillic а
			"\u0430\u0441е": "Use only letters, digits and @/./+/-/_.", // all Cyrillic, reads "ace"
			"ad\x00min":     "Remove the control characters from this field.",
		} {
			r := anon.Post("/register/", registerForm(name, "x@example.com", "vale tudo 42", "vale tudo 42"))
			if r.StatusCode != http.StatusUnprocessableEntity || apptest.FieldError(r.Body, "username") != want {
				t.Errorf("sign-up as %q: %d %q, want 422 %q", name, r.StatusCode, apptest.FieldError(r.Body, "username"), want)
			}
		}
		n, err := srv.Env.Store.DB.NewSelect().Table("users").Count(context.Background())
		if err != nil || n != 1 {
			t.Fatalf("%d users after the look-alike sign-ups (%v), want 1", n, err)
		}
		// The fullwidth form logs in to the same account; João keeps his accent.
		if r := apptest.NewClient(t, srv).Post("/login/", url.Values{"username": {"ＡＤＭＩＮ"}, "password": {apptest.Password}}); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("fullwidth login: %d", r.StatusCode)
		}
		apptest.NewClient(t, srv).Register("joão.conceição")
	})
}

// A NUL byte in the username is bad input (422) on both databases, not a 500.
func TestNULInUsername(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := apptest.NewClient(t, srv)
		if r := c.Post("/login/", url.Values{"username": {"ad\x00min"}, "password": {"whatever 42"}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("login with NUL: %d, want 422", r.StatusCode)
		}
		if r := c.Post("/login/", url.Values{"username": {"ad\xffmin"}, "password": {"whatever 42"}}); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("login with broken UTF-8: %d, want 422", r.StatusCode)
		}
		if r := c.Post("/register/", registerForm("ad\x00min", "a@example.com", "vale tudo 42", "vale tudo 42")); r.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("sign-up with NUL: %d, want 422", r.StatusCode)
		}
	})
}

// expired says whether a Set-Cookie deletes the cookie: Max-Age=0 (which Go
// reads as MaxAge -1) or an expiry in the past.
func expired(ck *http.Cookie) bool {
	return ck.MaxAge < 0 || (!ck.Expires.IsZero() && ck.Expires.Before(time.Now()))
}
