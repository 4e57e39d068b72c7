package tracker

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/template/html/v2"
	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// A row already rendered for a quote is served from the cache, and any
// change of the quote (or the language) renders it again.
func TestRowCacheRendersOnlyChangedQuotes(t *testing.T) {
	views, err := web.NewViews()
	if err != nil {
		t.Fatal(err)
	}
	h := &Handler{env: &web.Env{Views: views}}
	q := quotes.Quote{Ticker: "PETR4", Price: decimal.RequireFromString("38.12"),
		PrevClose: decimal.NewNullDecimal(decimal.RequireFromString("37.50")), Volume: 1234,
		Time: time.Date(2031, 5, 6, 14, 0, 0, 0, quotes.BRT)}
	rows := []Row{newRow("PETR4", q, true), newRow("ZZZZ3", quotes.Quote{}, false)}
	first, err := h.cachedRows(i18n.En, rows)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first[0]), "38.12") || !strings.Contains(string(first[1]), "ZZZZ3") {
		t.Fatalf("rows: %q", first)
	}

	// From now on any render fails: only cached rows can be served.
	empty := html.NewFileSystem(http.Dir(t.TempDir()), ".html")
	if err := empty.Load(); err != nil {
		t.Fatal(err)
	}
	h.env = &web.Env{Views: empty}
	again, err := h.cachedRows(i18n.En, rows)
	if err != nil {
		t.Fatalf("the same rows were rendered again: %v", err)
	}
	for i := range first {
		if again[i] != first[i] {
			t.Fatalf("row %d changed: %q", i, again[i])
		}
	}
	q.Price = decimal.RequireFromString("38.13")
	if _, err := h.cachedRows(i18n.En, []Row{newRow("PETR4", q, true)}); err == nil {
		t.Fatal("a new price was served from the cache")
	}
	if _, err := h.cachedRows(i18n.Get("pt-BR"), rows[:1]); err == nil {
		t.Fatal("another language was served from the cache")
	}
}
