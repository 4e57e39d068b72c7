// Package e2e drives Debian's chromium with chromedp against a real server,
// with JavaScript on and off. Later features add their flows here.
//
// These tests run on SQLite only: what they check is what the browser does
// with the pages and streams, which the handler tests already hold on both
// databases, and a second chromium run of every flow would double the
// slowest package of the suite on a 2-core machine.
package e2e

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stonks-b3/stonks/app/apptest"
)

// chromiumPath finds the browser: $CHROMIUM, then Debian's chromium.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser opens a fresh headless tab (own profile, own cookies) with
// JavaScript on or off and the given Accept-Language. Without chromium the
// test is skipped with a plain message; in CI (CI=true) it fails instead.
func Browser(t *testing.T, js bool, lang string) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		msg := "chromium is missing: install Debian's package (apt-get install chromium) or set CHROMIUM to a Chrome binary"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": lang}}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !js}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// Run runs actions and fails the test with the step's name on error.
func Run(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		url, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s (at %s): %v", step, url, err)
	}
}

// Get runs one action that returns a value, failing the test on error.
func Get[T any](t *testing.T, ctx context.Context, step string, action chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		url, _ := chromedp.Run(ctx, chromedp.Location())
		t.Fatalf("%s (at %s): %v", step, url, err)
	}
	return v
}

// SignUp registers user through the sign-up form (password apptest.Password)
// and waits until the navbar greets them.
func SignUp(t *testing.T, ctx context.Context, base, user string) {
	t.Helper()
	Run(t, ctx, "sign up "+user,
		chromedp.Navigate(base+"/register/"),
		chromedp.SendKeys(chromedp.CSS(`input[name="username"]`), user),
		chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), user+"@example.com"),
		chromedp.SendKeys(chromedp.CSS(`input[name="password1"]`), apptest.Password),
		chromedp.SendKeys(chromedp.CSS(`input[name="password2"]`), apptest.Password),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.account a[href^="/profile/"]`)),
	)
}
