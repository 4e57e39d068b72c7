package tracker

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// fakeStreams records what the publisher sends.
type fakeStreams struct {
	active []string
	sent   []live.Event
}

func (f *fakeStreams) Active(prefix string) []string              { return f.active }
func (f *fakeStreams) Fact(context.Context, string, string) error { return nil }
func (f *fakeStreams) OnFact(string, live.FactFunc)               {}
func (f *fakeStreams) OnResync(func(context.Context))             {}
func (f *fakeStreams) Local(ev live.Event) error                  { f.sent = append(f.sent, ev); return nil }

// A tick sends each quote room one event with all of its changed rows,
// each replacing the page's row of the same id; rooms without a change get
// nothing.
func TestOneEventPerRoomPerTick(t *testing.T) {
	views, err := web.NewViews()
	if err != nil {
		t.Fatal(err)
	}
	both := live.QuoteRoom("pt-BR", []string{"PETR4", "VALE3", "ITUB4"})
	en := live.QuoteRoom("en", []string{"PETR4"})
	idle := live.QuoteRoom("pt-BR", []string{"BBAS3"})
	fs := &fakeStreams{active: []string{both, en, idle}}
	h := &Handler{env: &web.Env{Views: views, Now: time.Now}, streams: fs}
	at := time.UnixMilli(1_780_000_000_000)
	q := func(t string, p string) quotes.Quote {
		return quotes.Quote{Ticker: t, Price: decimal.RequireFromString(p), Time: at}
	}
	if err := h.publishLocal([]quotes.Quote{q("PETR4", "38.41"), q("VALE3", "61.02")}); err != nil {
		t.Fatal(err)
	}
	got := map[string]live.Event{}
	for _, ev := range fs.sent {
		if _, dup := got[ev.Stream]; dup {
			t.Fatalf("room %s got more than one event in one tick", ev.Stream)
		}
		got[ev.Stream] = ev
	}
	if len(got) != 2 || got[idle].Stream != "" {
		t.Fatalf("events went to %v", fs.sent)
	}
	for room, want := range map[string][]string{both: {"PETR4", "VALE3"}, en: {"PETR4"}} {
		ev := got[room]
		if ev.Name != live.QuotesEvent || strings.Join(oobRows(ev.Data), ",") != strings.Join(want, ",") {
			t.Errorf("%s: event %q with rows %v, want %v", room, ev.Name, oobRows(ev.Data), want)
		}
	}
	if !strings.Contains(got[both].Data, "R$ 38,41") || !strings.Contains(got[en].Data, "R$38.41") {
		t.Errorf("rows not in their room's language:\n%s\n%s", got[both].Data, got[en].Data)
	}
}

// oobRows lists the tickers whose rows a quote event replaces by id.
func oobRows(data string) []string {
	var ts []string
	for _, m := range regexp.MustCompile(`<tr id="(\w+)_row" data-ts="\d{13}" hx-swap-oob="true"`).FindAllStringSubmatch(data, -1) {
		ts = append(ts, m[1])
	}
	return ts
}
