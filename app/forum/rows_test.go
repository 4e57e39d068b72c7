package forum

import (
	"html/template"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// A room page read again takes its rows from the cache without formatting
// any message body again, and the rows are the same.
func TestCachedRowsAreNotFormattedAgain(t *testing.T) {
	views, err := web.NewViews()
	if err != nil {
		t.Fatal(err)
	}
	h := &Handler{env: &web.Env{Views: views}}
	calls := 0
	formatBody = func(s string) template.HTML { calls++; return Format(s) }
	t.Cleanup(func() { formatBody = Format })

	at := time.Now().Add(-3 * time.Hour)
	msgs := []db.Message{
		{ID: 1, UserID: 7, RoomID: 1, Username: "ana", Body: "see https://example.com and $PETR4", CreatedAt: at},
		{ID: 2, UserID: 8, RoomID: 1, Username: "bia", Body: "<b>hi</b>", CreatedAt: at},
	}
	first, err := h.renderRows(i18n.En, msgs, 7, false)
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 {
		t.Fatalf("first view formatted %d bodies, want 2", calls)
	}
	again, err := h.renderRows(i18n.En, msgs, 7, false)
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 {
		t.Fatalf("second view formatted %d more bodies, want none", calls-2)
	}
	for i := range first {
		if first[i] != again[i] || first[i] == "" {
			t.Fatalf("row %d: %q then %q", i, first[i], again[i])
		}
	}
}
