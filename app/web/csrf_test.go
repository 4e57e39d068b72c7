package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
)

// The token counts only in the form body or the X-CSRF-Token header, never
// in the query string, where it would land in logs and Referer headers.
func TestCSRFTokenCarriers(t *testing.T) {
	app := fiber.New()
	app.Use(CSRF())
	app.Post("/x", func(c *fiber.Ctx) error { return c.SendString("done") })
	token := randomToken()
	send := func(name string, req *http.Request, want int) {
		t.Helper()
		req.AddCookie(&http.Cookie{Name: csrfCookie, Value: token})
		resp, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != want {
			t.Errorf("%s: %d, want %d", name, resp.StatusCode, want)
		}
	}
	form := func(target string, v url.Values) *http.Request {
		r := httptest.NewRequest("POST", target, strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}
	send("query string", form("/x?_csrf="+token, url.Values{"a": {"1"}}), fiber.StatusForbidden)
	send("query string, no body", httptest.NewRequest("POST", "/x?_csrf="+token, nil), fiber.StatusForbidden)
	send("form body", form("/x", url.Values{"_csrf": {token}}), fiber.StatusOK)
	send("wrong body token beside a right query token", form("/x?_csrf="+token, url.Values{"_csrf": {"nope"}}), fiber.StatusForbidden)

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("_csrf", token)
	_ = mw.Close()
	mp := httptest.NewRequest("POST", "/x", &body)
	mp.Header.Set("Content-Type", mw.FormDataContentType())
	send("multipart body", mp, fiber.StatusOK)

	h := httptest.NewRequest("POST", "/x?_csrf=nope", nil)
	h.Header.Set("X-CSRF-Token", token)
	send("header", h, fiber.StatusOK)
}
