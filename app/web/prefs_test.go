package web

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Going back to the system theme deletes the theme cookie on every path.
func TestPrefsClearsThemeCookieWithPath(t *testing.T) {
	e := &Env{Now: time.Now}
	app := fiber.New()
	app.Get("/prefs", e.Prefs)
	resp, err := app.Test(httptest.NewRequest("GET", "/prefs?theme=system", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == themeCookie {
			if expired := ck.MaxAge < 0 || (!ck.Expires.IsZero() && ck.Expires.Before(time.Now())); ck.Path != "/" || !expired {
				t.Fatalf("theme cookie cleared as %q: want Path=/ and expired", ck.Raw)
			}
			return
		}
	}
	t.Fatal("the theme cookie was not cleared")
}

// The language and theme cookies last a year by the app's clock.
func TestPrefsCookiesLastAYearByTheAppClock(t *testing.T) {
	at := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	e := &Env{Now: func() time.Time { return at }}
	app := fiber.New()
	app.Get("/prefs", e.Prefs)
	resp, err := app.Test(httptest.NewRequest("GET", "/prefs?lang=en&theme=dark", nil), -1)
	if err != nil {
		t.Fatal(err)
	}
	want := at.AddDate(1, 0, 0)
	n := 0
	for _, ck := range resp.Cookies() {
		if ck.Name == langCookie || ck.Name == themeCookie {
			n++
			if !ck.Expires.Equal(want) {
				t.Errorf("%s expires %s, want %s", ck.Name, ck.Expires, want)
			}
		}
	}
	if n != 2 {
		t.Fatalf("%d preference cookies set, want 2", n)
	}
}
