package forum_test

import (
	"io/fs"
	"regexp"
	"testing"

	_ "github.com/stonks-b3/stonks/app/forum" // registers the translations
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/views"
)

// Every English text of the forum's templates and page titles has a
// Brazilian Portuguese translation.
func TestEveryTextTranslated(t *testing.T) {
	key := regexp.MustCompile(`\.L\.T "([^"]+)"`)
	keys := []string{"Forum", "Create room", "Update room", "Delete room", "Delete message", "in", "Delete"}
	for _, name := range []string{"pages/forum.html", "pages/room.html", "pages/room_form.html", "pages/forum_delete.html",
		"partials/message_form.html", "partials/message_page.html", "partials/participants.html"} {
		b, err := fs.ReadFile(views.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
	}
	if len(keys) < 30 {
		t.Fatalf("found only %d texts; did the templates move?", len(keys))
	}
	for _, k := range keys {
		if i18n.PtBR.T(k) == k {
			t.Errorf("no pt-BR text for %q", k)
		}
	}
}
