package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db/dbtest"
)

type css = chromedp.CSS

// A visitor signs up, logs out and logs back in, with JavaScript on (htmx
// boosts the forms) in English and with JavaScript off in Portuguese.
func TestRegisterLogoutLogin(t *testing.T) {
	for _, tc := range []struct {
		name              string
		js                bool
		lang              string
		hi, login, create string
	}{
		{"js-on-en", true, "en-US,en;q=0.9", "Hi, ", "Log in", "Create account"},
		{"js-off-pt", false, "pt-BR,pt;q=0.9", "Olá, ", "Entrar", "Criar conta"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := apptest.Listen(t, apptest.New(t, dbtest.SQLite(t), nil))
			ctx := Browser(t, tc.js, tc.lang)
			user := "e2e_" + strings.ReplaceAll(tc.name, "-", "_")
			greeting := css(`.account a[href^="/profile/"]`)
			submit := css(`main form button[type="submit"]`)

			Run(t, ctx, "open sign-up", chromedp.Navigate(base+"/register/"))
			if h := Get(t, ctx, "heading", chromedp.Text(css("h1"))); h != tc.create {
				t.Errorf("register heading %q, want %q", h, tc.create)
			}
			Run(t, ctx, "sign up",
				chromedp.SendKeys(css(`input[name="username"]`), user),
				chromedp.SendKeys(css(`input[name="email"]`), user+"@example.com"),
				chromedp.SendKeys(css(`input[name="password1"]`), apptest.Password),
				chromedp.SendKeys(css(`input[name="password2"]`), apptest.Password),
				chromedp.Click(submit),
				chromedp.WaitVisible(greeting),
			)
			if g := Get(t, ctx, "greeting", chromedp.Text(greeting)); g != tc.hi+user {
				t.Fatalf("after sign-up the navbar says %q, want %q", g, tc.hi+user)
			}
			if tc.js {
				if !Get(t, ctx, "htmx", chromedp.Evaluate[bool](`typeof htmx !== "undefined" && document.body.hasAttribute("hx-boost")`)) {
					t.Fatal("htmx did not load (CSP or missing file?)")
				}
			}

			loginLink := css(`.account a[href="/login/"]`)
			Run(t, ctx, "log out with the navbar's Exit button",
				chromedp.Click(css(`.account form button`)),
				chromedp.WaitVisible(loginLink),
			)
			if l := Get(t, ctx, "login link", chromedp.Text(loginLink)); l != tc.login {
				t.Fatalf("after logout the navbar says %q, want %q", l, tc.login)
			}

			Run(t, ctx, "wrong password",
				chromedp.Click(loginLink),
				chromedp.WaitVisible(css(`input[name="password"]`)),
				chromedp.SendKeys(css(`input[name="username"]`), user),
				chromedp.SendKeys(css(`input[name="password"]`), "not my password"),
				chromedp.Click(submit),
				chromedp.WaitVisible(css(".form-error")),
			)
			if e := Get(t, ctx, "error", chromedp.Text(css(".form-error"))); e == "" {
				t.Fatal("no message after a wrong password")
			}

			Run(t, ctx, "log in",
				chromedp.SetValue(css(`input[name="username"]`), user),
				chromedp.SendKeys(css(`input[name="password"]`), apptest.Password),
				chromedp.Click(submit),
				chromedp.WaitVisible(greeting),
			)
			if g := Get(t, ctx, "greeting", chromedp.Text(greeting)); g != tc.hi+user {
				t.Fatalf("after login the navbar says %q", g)
			}
		})
	}
}
