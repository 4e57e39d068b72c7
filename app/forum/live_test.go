package forum_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

type sseEvent struct{ name, data string }

// subscribe opens the room's stream as the client's browser would (its
// session cookie) and returns the events as they arrive, once the hub has
// registered the subscription (its first frame is the retry: line).
func subscribe(t *testing.T, base string, c *apptest.Client, stream string) (<-chan sseEvent, int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/sse?stream="+stream, nil)
	if s := c.Cookie("stonks_session"); s != "" {
		req.AddCookie(&http.Cookie{Name: "stonks_session", Value: s})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		return nil, resp.StatusCode
	}
	sc := bufio.NewScanner(resp.Body)
	if !sc.Scan() || !strings.HasPrefix(sc.Text(), "retry:") {
		t.Fatalf("stream did not start with retry: %q", sc.Text())
	}
	out := make(chan sseEvent, 16)
	go func() {
		defer close(out)
		var ev sseEvent
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ev.data = strings.Join(data, "\n")
					out <- ev
				}
				ev, data = sseEvent{}, nil
			case strings.HasPrefix(line, "event:"):
				ev.name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				data = append(data, strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
			}
		}
	}()
	return out, resp.StatusCode
}

// A message posted by one user reaches another user's open stream, once per
// language, rendered by the message partial with the text escaped.
func TestLiveMessageReachesViewers(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		base := apptest.Listen(t, srv)
		ana, _ := member(t, srv, "ana")
		bia, biaU := member(t, srv, "bia")
		biaID := biaU.ID
		id := createRoom(t, ana, "Bancos", "Itaú", "")
		stream := "room-" + itoa(id)

		if _, status := subscribe(t, base, apptest.NewClient(t, srv), stream); status != http.StatusForbidden {
			t.Fatalf("stream without login: %d, want 403", status)
		}
		events, status := subscribe(t, base, ana, stream)
		if status != http.StatusOK {
			t.Fatalf("stream: %d", status)
		}
		bia.Header.Set("HX-Request", "true")
		if r := bia.Post(path("/room/%d/", id), url.Values{"body": {"<script>alert(1)</script> $ITUB4"}}); r.StatusCode != http.StatusOK {
			t.Fatalf("post: %d", r.StatusCode)
		}
		got := map[string]string{}
		deadline := time.After(10 * time.Second)
		for len(got) < 4 {
			select {
			case ev, ok := <-events:
				if !ok {
					t.Fatal("stream ended")
				}
				got[ev.name] = ev.data
			case <-deadline:
				t.Fatalf("events after 10s: %v", got)
			}
		}
		// bia posts here for the first time: the participants list follows.
		if p := got["participants-en"]; !strings.Contains(p, ">@bia</a>") || !strings.Contains(got["participants-pt-BR"], "Participantes") {
			t.Fatalf("participants update:\n%s\n%s", p, got["participants-pt-BR"])
		}
		en, pt := got["message-en"], got["message-pt-BR"]
		for _, data := range []string{en, pt} {
			if !strings.HasPrefix(data, `<li class="message"`) || !strings.Contains(data, "&lt;script&gt;alert(1)&lt;/script&gt;") || strings.Contains(data, "<script>") {
				t.Fatalf("live payload not the escaped message row:\n%s", data)
			}
			if !strings.Contains(data, `href="/stocktracker?stockpicker=ITUB4"`) || !strings.Contains(data, "@bia") {
				t.Fatalf("live payload lacks the cashtag link or the author:\n%s", data)
			}
			// One payload for every viewer: the author's delete link comes
			// hidden, in a row marked with the author's id, for the author's
			// page to reveal (stonks.js).
			if !regexp.MustCompile(`^<li class="message" id="message-\d+" data-author="`+itoa(biaID)+`">`).MatchString(data) ||
				!regexp.MustCompile(`<a class="delete author-only" href="/delete-message/\d+/" hidden>`).MatchString(data) {
				t.Fatalf("live payload lacks the author-only delete link marked for the author %d:\n%s", biaID, data)
			}
		}
		if !strings.Contains(en, ">just now</time>") || !strings.Contains(pt, ">agora mesmo</time>") {
			t.Fatalf("payloads not in their languages:\n%s\n%s", en, pt)
		}
		// The page listens to its own language's event.
		if page := ana.Get(path("/room/%d/", id)); !strings.Contains(page.Body, `sse-swap="message-en,message-removed" hx-swap="afterbegin"`) {
			t.Fatal("room page does not swap message-en events into the list")
		}
		// A second post by the same user sends the message only.
		bia.Post(path("/room/%d/", id), url.Values{"body": {"de novo"}})
		for n := 0; n < 2; n++ {
			select {
			case ev := <-events:
				if !strings.HasPrefix(ev.name, "message-") {
					t.Fatalf("second post sent %q", ev.name)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("second post: no event")
			}
		}
		// Deleting it takes it off open pages.
		gone := messages(t, srv, id)[0]
		if r := bia.Post(path("/delete-message/%d/", gone.ID), nil); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", r.StatusCode)
		}
		select {
		case ev := <-events:
			if ev.name != "message-removed" || ev.data != path(`<li id="message-%d" hx-swap-oob="delete"></li>`, gone.ID) {
				t.Fatalf("after delete: event %q %q", ev.name, ev.data)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("delete: no event")
		}
	})
}

func itoa(n int64) string { return path("%d", n) }

// Parallel posts reach live viewers in the order a reload shows them.
func TestLiveOrderIsStoredOrder(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		base := apptest.Listen(t, srv)
		ana, _ := member(t, srv, "ana")
		id := createRoom(t, ana, "Bancos", "Ordem", "")
		events, status := subscribe(t, base, ana, "room-"+itoa(id))
		if status != http.StatusOK {
			t.Fatalf("stream: %d", status)
		}
		posters := make([]*apptest.Client, 5)
		for i := range posters {
			posters[i], _ = member(t, srv, "poster"+itoa(int64(i+1)))
		}
		const n = 50
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := posters[i%len(posters)]
				if r := c.Post(path("/room/%d/", id), url.Values{"body": {fmt.Sprintf("msg%02dx", i)}}); r.StatusCode != http.StatusSeeOther {
					t.Errorf("post %d: %d", i, r.StatusCode)
				}
			}()
		}
		wg.Wait()
		token := regexp.MustCompile(`msg\d\dx`)
		var live []string
		deadline := time.After(30 * time.Second)
		for len(live) < n {
			select {
			case ev, ok := <-events:
				if !ok {
					t.Fatal("stream ended")
				}
				if ev.name == "message-en" {
					live = append(live, token.FindString(ev.data))
				}
			case <-deadline:
				t.Fatalf("%d of %d messages arrived live", len(live), n)
			}
		}
		slices.Reverse(live) // each event goes on top of the list
		stored := token.FindAllString(ana.Get(path("/room/%d/", id)).Body, -1)
		if !slices.Equal(live, stored) {
			t.Fatalf("live order differs from the reloaded page:\nlive   %v\nstored %v", live, stored)
		}
	})
}
