package live

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestQuoteRoom(t *testing.T) {
	if got := QuoteRoom("pt-BR", []string{"vale3", "PETR4", "VALE3"}); got != "quotes-pt-BR-PETR4_VALE3" {
		t.Fatalf("QuoteRoom = %q", got)
	}
	for _, bad := range [][]string{nil, {"PET"}, {"PETR4X99"}, {"PE-R4"}, {"ABCD"}, {"ABCDEF7"}, {"PETR4.SA"}} { // not B3-shaped (data.IsTicker)
		if got := QuoteRoom("en", bad); got != "" {
			t.Errorf("QuoteRoom(en, %v) = %q, want empty", bad, got)
		}
	}
	if got := QuoteRoom("fr", []string{"PETR4"}); got != "" {
		t.Errorf("QuoteRoom(fr) = %q", got)
	}
	many := make([]string, 101)
	for i := range many {
		many[i] = "T" + string(rune('A'+i/26)) + string(rune('A'+i%26)) + "A3" // B3-shaped
	}
	if QuoteRoom("en", many) != "" {
		t.Error("101 tickers accepted")
	}
	id := QuoteRoom("en", many[:100])
	if id == "" || !ValidID(id) {
		t.Fatalf("100 tickers: %q", id)
	}
	lang, ts, ok := ParseQuoteRoom(id)
	if !ok || lang != "en" || len(ts) != 100 {
		t.Fatalf("ParseQuoteRoom round trip: %v %v %d", lang, ok, len(ts))
	}

	lang, ts, ok = ParseQuoteRoom("quotes-pt-BR-BOVA11_PETR4")
	if !ok || lang != "pt-BR" || !slices.Equal(ts, []string{"BOVA11", "PETR4"}) {
		t.Fatalf("got %q %v %v", lang, ts, ok)
	}
	for _, bad := range []string{
		"quotes-en-VALE3_PETR4", // unsorted
		"quotes-en-PETR4_PETR4", // duplicate
		"quotes-en-petr4",       // lower case
		"quotes-en-ABCDEFG",     // not a B3 code
		"quotes-en-",            // no tickers
		"quotes-en-PETR4_",      // empty ticker
		"quotes-de-PETR4",       // language
		"quotes-PETR4",
		"room-1",
	} {
		if _, _, ok := ParseQuoteRoom(bad); ok {
			t.Errorf("ParseQuoteRoom(%q) ok", bad)
		}
	}
}

func TestNumbered(t *testing.T) {
	if Room(7) != "room-7" || User(42) != "user-42" {
		t.Fatal(Room(7), User(42))
	}
	if n, ok := ParseUser("user-42"); !ok || n != 42 {
		t.Fatal(n, ok)
	}
	for _, bad := range []string{"user-0", "user-07", "user--1", "user-", "user-1a", "user-99999999999999999999", "room-1"} {
		if _, ok := ParseUser(bad); ok {
			t.Errorf("ParseUser(%q) ok", bad)
		}
	}
}

func TestCheck(t *testing.T) {
	h, err := New(NewMemoryBroker(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	h.AllowDefaults(testExists{})
	anon := Viewer{}
	u5 := Viewer{UserID: 5, LoggedIn: true}
	cases := []struct {
		id   string
		v    Viewer
		want Access
	}{
		{"quotes-en-PETR4", anon, Allowed},
		{"quotes-en-petr4", anon, NotFound},
		{"quotes-en-ZZZZ3", anon, NotFound},       // not listed
		{"quotes-en-PETR4_ZZZZ3", anon, NotFound}, // one of them not listed
		{"room-999", anon, Forbidden},             // visitors learn nothing
		{"room-999", u5, NotFound},                // no such room
		{"room-3", anon, Forbidden},
		{"room-3", u5, Allowed},
		{"room-x", u5, NotFound},
		{"user-5", u5, Allowed},
		{"user-6", u5, Forbidden},
		{"user-5", anon, Forbidden},
		{"user-5", Viewer{UserID: 5}, Forbidden}, // id without login is not a login
		{"nope-1", u5, NotFound},
		{"", u5, NotFound},
		{"user-5;drop", u5, NotFound},
		{strings.Repeat("a", MaxIDLen+1), u5, NotFound},
	}
	for _, c := range cases {
		if got := h.Check(context.Background(), c.id, c.v); got != c.want {
			t.Errorf("Check(%.40q, %+v) = %v, want %v", c.id, c.v, got, c.want)
		}
	}
	// A longer prefix wins over a shorter one.
	h.Allow("room-vip", func(context.Context, string, Viewer) Access { return Forbidden })
	if got := h.Check(context.Background(), "room-vip", u5); got != Forbidden {
		t.Errorf("longest prefix: %v", got)
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		ev   Event
		want error
	}{
		{Event{Stream: "user-1", Data: "x"}, nil},
		{Event{Stream: "user-1"}, ErrEmptyData},
		{Event{Stream: "user 1", Data: "x"}, ErrBadStream},
		{Event{Stream: "user-1", Name: "a\nb", Data: "x"}, ErrBadName},
	} {
		if got := c.ev.Validate(); got != c.want {
			t.Errorf("%+v: %v, want %v", c.ev, got, c.want)
		}
	}
}
