package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// sseOpen is true once the htmx SSE extension's EventSource is open.
const sseOpen = `(() => { const el = document.querySelector("[sse-connect]"); const d = el && el["htmx-internal-data"];
	return !!(d && d.sseEventSource && d.sseEventSource.readyState === 1); })()`

// Two people in one room: what one posts appears on the other's page
// without a reload, in the other's language, and the poster's box empties.
func TestForumRoomIsLive(t *testing.T) {
	base := apptest.Listen(t, apptest.New(t, dbtest.SQLite(t), nil))
	ana := Browser(t, true, "en-US,en;q=0.9")
	bia := Browser(t, true, "pt-BR,pt;q=0.9")
	SignUp(t, ana, base, "ana")
	SignUp(t, bia, base, "bia")

	Run(t, ana, "create a room",
		chromedp.Navigate(base+"/create-room/"),
		chromedp.SendKeys(css(`input[name="topic"]`), "Dividendos"),
		chromedp.SendKeys(css(`input[name="name"]`), "Pagadoras de 2026"),
		chromedp.Click(css(`main form button[type="submit"]`)),
		chromedp.WaitVisible(css(`#messages`)),
	)
	room := Get(t, ana, "room url", chromedp.Location())
	if !strings.Contains(room, "/room/") {
		t.Fatalf("after creating a room the browser is at %s", room)
	}
	Run(t, bia, "open the room", chromedp.Navigate(room), chromedp.WaitVisible(css(`#messages`)))
	for _, b := range []context.Context{ana, bia} {
		Get(t, b, "stream open", chromedp.Poll[bool](sseOpen))
	}
	// A mark in the page's JS state: gone if the page reloads.
	for _, b := range []context.Context{ana, bia} {
		Get(t, b, "mark the page", chromedp.Evaluate[bool](`window.stillHere = true`))
	}

	msg := "Comprei mais $TAEE11 hoje <b>sem negrito</b>"
	Run(t, ana, "post",
		chromedp.SendKeys(css(`textarea[name="body"]`), msg),
		chromedp.Click(css(`.message-form button[type="submit"]`)),
	)
	Get(t, bia, "message arrives on the other page",
		chromedp.Poll[bool](`document.querySelector("#messages .message-body")?.textContent.includes("sem negrito</b>")`))
	if !Get(t, bia, "no reload", chromedp.Evaluate[bool](`window.stillHere === true`)) {
		t.Fatal("the other page reloaded instead of receiving the message live")
	}
	if n := Get(t, bia, "bold tags", chromedp.Evaluate[int](`document.querySelectorAll("#messages b").length`)); n != 0 {
		t.Fatal("the message's HTML was interpreted, not shown as text")
	}
	if ago := Get(t, bia, "time", chromedp.Text(css(`#messages time`))); ago != "agora mesmo" {
		t.Errorf("the Portuguese page shows %q, want \"agora mesmo\"", ago)
	}
	if href := Get(t, bia, "cashtag", chromedp.Attributes(css(`#messages a.cashtag`)))["href"]; href != "/stocktracker?stockpicker=TAEE11" {
		t.Errorf("cashtag links to %q", href)
	}
	Get(t, bia, "the poster joins the participants",
		chromedp.Poll[bool](`document.querySelector("#participants").textContent.includes("@ana")`))
	Get(t, ana, "own message arrives too",
		chromedp.Poll[bool](`document.querySelector("#messages .message-body")?.textContent.includes("$TAEE11")`))
	if v := Get(t, ana, "box", chromedp.Value(css(`textarea[name="body"]`))); v != "" {
		t.Fatalf("the post box still holds %q after posting", v)
	}
	// Her own message, arrived live, shows her its delete link at once;
	// bia's page has the same row without it.
	Get(t, ana, "own delete link shown live",
		chromedp.Poll[bool](`(() => { const a = document.querySelector("#messages .message a.delete"); return !!a && a.offsetParent !== null; })()`))
	if n := Get(t, bia, "others' delete links", chromedp.Evaluate[int](`[...document.querySelectorAll("#messages a.delete")].filter(a => a.offsetParent !== null).length`)); n != 0 {
		t.Fatalf("bia's page shows %d delete links on ana's message", n)
	}
	if !Get(t, ana, "no reload", chromedp.Evaluate[bool](`window.stillHere === true`)) {
		t.Fatal("the author's page reloaded")
	}

	// And the other way round, with the answer counted once on each page.
	Run(t, bia, "reply",
		chromedp.SendKeys(css(`textarea[name="body"]`), "Boa escolha"),
		chromedp.Click(css(`.message-form button[type="submit"]`)),
	)
	Get(t, ana, "reply arrives",
		chromedp.Poll[bool](`document.querySelectorAll("#messages .message").length === 2 && document.querySelector("#messages .message-body").textContent === "Boa escolha"`))
	// The replier's copy comes over its own stream, maybe a moment after ana's: wait for it, then count.
	Get(t, bia, "reply arrives on the replying page",
		chromedp.Poll[bool](`document.querySelector("#messages .message-body")?.textContent === "Boa escolha"`))
	if n := Get(t, bia, "count", chromedp.Evaluate[int](`document.querySelectorAll("#messages .message").length`)); n != 2 {
		t.Fatalf("the replying page shows %d messages, want 2", n)
	}

	// bia deletes her reply from its live copy, without a reload (confirm
	// page, then POST): it leaves ana's page too.
	Run(t, bia, "delete the reply",
		chromedp.WaitVisible(css(`#messages a.delete`)),
		chromedp.Click(css(`#messages a.delete`)),
		chromedp.WaitVisible(css(`main form button.danger`)),
		chromedp.Click(css(`main form button.danger`)),
		chromedp.WaitVisible(css(`#messages`)),
	)
	Get(t, ana, "reply removed live",
		chromedp.Poll[bool](`document.querySelectorAll("#messages .message").length === 1 && !document.querySelector("#messages").textContent.includes("Boa escolha")`))
}

// With JavaScript off the post box is a plain form: the post redirects
// back to the room, which shows the message.
func TestForumWithoutJavaScript(t *testing.T) {
	base := apptest.Listen(t, apptest.New(t, dbtest.SQLite(t), nil))
	ctx := Browser(t, false, "en-US,en;q=0.9")
	SignUp(t, ctx, base, "caio")
	Run(t, ctx, "create a room and post",
		chromedp.Navigate(base+"/create-room/"),
		chromedp.SendKeys(css(`input[name="topic"]`), "FIIs"),
		chromedp.SendKeys(css(`input[name="name"]`), "Galpões"),
		chromedp.Click(css(`main form button[type="submit"]`)),
		chromedp.WaitVisible(css(`textarea[name="body"]`)),
		chromedp.SendKeys(css(`textarea[name="body"]`), "HGLG11 https://example.com/fii"),
		chromedp.Click(css(`.message-form button[type="submit"]`)),
		chromedp.WaitVisible(css(`#messages .message`)),
	)
	if a := Get(t, ctx, "link", chromedp.Attributes(css(`#messages .message-body a`))); a["href"] != "https://example.com/fii" || a["rel"] != "nofollow noopener" {
		t.Fatalf("link attributes %v", a)
	}
}
