package web

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Going back to the system theme deletes the theme cookie on every path.
func TestPrefsClearsThemeCookieWithPath(t *testing.T) {
	e := &Env{}
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
