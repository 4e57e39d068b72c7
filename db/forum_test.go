package db_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

func user(t *testing.T, s *db.Store, name string) *db.User {
	t.Helper()
	u := &db.User{Username: name, Email: name + "@example.com", PasswordHash: "x"}
	if err := s.CreateUser(context.Background(), u, time.Now()); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestTopicsAreSharedWhateverTheCase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		ana := user(t, s, "ana")
		a := &db.Room{HostID: ana.ID, Name: "Dividendos do mês"}
		b := &db.Room{HostID: ana.ID, Name: "Melhores pagadoras"}
		if err := s.CreateRoom(ctx, a, "Ações", time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateRoom(ctx, b, " AÇÕES ", time.Now()); err != nil {
			t.Fatal(err)
		}
		if a.TopicID != b.TopicID {
			t.Fatalf("\"Ações\" and \" AÇÕES \" made two topics: %d, %d", a.TopicID, b.TopicID)
		}
		topics, err := s.Topics(ctx, 10)
		if err != nil || len(topics) != 1 || topics[0].Name != "Ações" || topics[0].Rooms != 2 {
			t.Fatalf("topics %+v (%v), want Ações with 2 rooms", topics, err)
		}
	})
}

func TestRoomSearch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		ana := user(t, s, "ana")
		for _, r := range []struct{ topic, name, desc string }{
			{"FIIs", "Galpões logísticos", "HGLG11 e outros"},
			{"Bancos", "Itaú ou Bradesco", "dividendos 100%"},
			{"Petróleo", "PETR4 no longo prazo", ""},
		} {
			if err := s.CreateRoom(ctx, &db.Room{HostID: ana.ID, Name: r.name, Description: r.desc}, r.topic, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		for q, want := range map[string]int{"": 3, "fiis": 1, "hglg": 1, "petr4": 1, "100%": 1, "%": 1, "_": 0, "nada": 0} {
			rooms, n, err := s.Rooms(ctx, q, 50)
			if err != nil || n != want || len(rooms) != want {
				t.Errorf("q=%q: %d rooms, count %d (%v), want %d", q, len(rooms), n, err, want)
			}
		}
	})
}

// Pages of 3 over 8 messages, two of which share a timestamp: every message
// once, newest first, ties broken by id.
func TestRoomMessagesKeyset(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		ana := user(t, s, "ana")
		room := &db.Room{HostID: ana.ID, Name: "r"}
		if err := s.CreateRoom(ctx, room, "t", time.Now()); err != nil {
			t.Fatal(err)
		}
		base := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
		var want []int64
		for i := range 8 {
			at := base.Add(time.Duration(i) * 1500 * time.Microsecond)
			if i == 5 {
				at = base.Add(4 * 1500 * time.Microsecond) // same time as message 4
			}
			m := &db.Message{RoomID: room.ID, UserID: ana.ID, Body: "m", CreatedAt: at}
			joined, err := s.CreateMessage(ctx, m, time.Now)
			if err != nil {
				t.Fatal(err)
			}
			if joined != (i == 0) {
				t.Fatalf("message %d: joined=%v, only the first makes ana a participant", i, joined)
			}
			want = append([]int64{m.ID}, want...)
		}
		var got []int64
		var after *db.Cursor
		pages := 0
		for {
			msgs, more, err := s.RoomMessages(ctx, room.ID, after, 3)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, m := range msgs {
				got = append(got, m.ID)
			}
			if !more {
				break
			}
			last := msgs[len(msgs)-1]
			after = &db.Cursor{At: last.CreatedAt, ID: last.ID}
		}
		if pages != 3 || len(got) != len(want) {
			t.Fatalf("%d pages, ids %v, want 3 pages and %v", pages, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("order %v, want %v", got, want)
			}
		}
		ps, _ := s.Participants(ctx, room.ID)
		if len(ps) != 1 || ps[0].Username != "ana" {
			t.Fatalf("participants %+v", ps)
		}
	})
}

func TestSeedMessagesSortWithStoredOnes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		ana := user(t, s, "ana")
		room := &db.Room{HostID: ana.ID, Name: "r"}
		if err := s.CreateRoom(ctx, room, "t", time.Now()); err != nil {
			t.Fatal(err)
		}
		end := time.Now()
		if err := s.SeedMessages(ctx, room.ID, ana.ID, 100, end); err != nil {
			t.Fatal(err)
		}
		newest := &db.Message{RoomID: room.ID, UserID: ana.ID, Body: "newest"}
		if _, err := s.CreateMessage(ctx, newest, time.Now); err != nil {
			t.Fatal(err)
		}
		msgs, more, err := s.RoomMessages(ctx, room.ID, nil, 2)
		if err != nil || !more || len(msgs) != 2 || msgs[0].Body != "newest" || msgs[1].Body != "message 1" {
			t.Fatalf("first page %+v more=%v (%v)", msgs, more, err)
		}
		last := msgs[1]
		next, _, err := s.RoomMessages(ctx, room.ID, &db.Cursor{At: last.CreatedAt, ID: last.ID}, 2)
		if err != nil || len(next) != 2 || next[0].Body != "message 2" {
			t.Fatalf("second page %+v (%v)", next, err)
		}
	})
}

// PostgreSQL refuses NUL bytes and invalid UTF-8 in a query's text: such a
// search matches nothing instead of failing.
func TestSearchesWithUnstorableTextMatchNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		ana := user(t, s, "ana")
		if err := s.CreateRoom(ctx, &db.Room{HostID: ana.ID, Name: "Bancos"}, "Ações", time.Now()); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"\x00", "ban\x00", "\xff"} {
			if rooms, n, err := s.Rooms(ctx, q, 10); err != nil || n != 0 || len(rooms) != 0 {
				t.Errorf("Rooms(%q): %d, %d, %v; want no match", q, len(rooms), n, err)
			}
			if ms, err := s.RecentMessages(ctx, q, 10); err != nil || len(ms) != 0 {
				t.Errorf("RecentMessages(%q): %d, %v; want no match", q, len(ms), err)
			}
			if as, err := s.Assets(ctx, "IBOV", q); err != nil || len(as) != 0 {
				t.Errorf("Assets(%q): %d, %v; want no match", q, len(as), err)
			}
			if as, err := s.AlertsOf(ctx, ana.ID, q); err != nil || len(as) != 0 {
				t.Errorf("AlertsOf(%q): %d, %v; want no match", q, len(as), err)
			}
		}
	})
}

// The data layer itself keeps a user's rooms and messages from anyone else:
// a change scoped by another user's id finds nothing and changes nothing.
func TestForumChangesAreScopedByOwner(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		ana, bia := user(t, s, "ana"), user(t, s, "bia")
		room := &db.Room{HostID: ana.ID, Name: "Carteira de dividendos"}
		now := time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)
		if err := s.CreateRoom(ctx, room, "Ações", now); err != nil {
			t.Fatal(err)
		}
		msg := &db.Message{RoomID: room.ID, UserID: ana.ID, Body: "TAEE11 paga bem"}
		if _, err := s.CreateMessage(ctx, msg, func() time.Time { return now }); err != nil {
			t.Fatal(err)
		}

		renamed := *room
		renamed.Name = "hijacked"
		if err := s.UpdateRoom(ctx, bia.ID, &renamed, "Ações", now); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("bia updating ana's room: %v, want ErrNotFound", err)
		}
		if err := s.DeleteRoom(ctx, bia.ID, room.ID); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("bia deleting ana's room: %v, want ErrNotFound", err)
		}
		if err := s.DeleteMessage(ctx, bia.ID, msg.ID); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("bia deleting ana's message: %v, want ErrNotFound", err)
		}
		if got, err := s.RoomByID(ctx, room.ID); err != nil || got.Name != "Carteira de dividendos" {
			t.Fatalf("after bia's tries the room is %+v (%v)", got, err)
		}
		if _, err := s.MessageByID(ctx, msg.ID); err != nil {
			t.Fatalf("after bia's tries the message is gone: %v", err)
		}

		if err := s.DeleteMessage(ctx, ana.ID, msg.ID); err != nil {
			t.Errorf("ana deleting her message: %v", err)
		}
		if err := s.DeleteRoom(ctx, ana.ID, room.ID); err != nil {
			t.Errorf("ana deleting her room: %v", err)
		}
		if _, err := s.RoomByID(ctx, room.ID); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("ana's deleted room: %v, want ErrNotFound", err)
		}
	})
}

// A locked room takes no message, decided under the room's lock: a post on
// its way when a moderator locks the room is refused, not written.
func TestLockedRoomTakesNoMessage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 14, 0, 0, 0, time.UTC)
		ana := user(t, s, "ana")
		room := &db.Room{HostID: ana.ID, Name: "Sala trancada"}
		if err := s.CreateRoom(ctx, room, "Ações", now); err != nil {
			t.Fatal(err)
		}
		if err := s.LockRoom(ctx, db.Actor{ID: ana.ID, Name: "ana"}, room.ID, true, now); err != nil {
			t.Fatal(err)
		}
		_, err := s.CreateMessage(ctx, &db.Message{RoomID: room.ID, UserID: ana.ID, Body: "oi"}, func() time.Time { return now })
		if !errors.Is(err, db.ErrLocked) {
			t.Fatalf("a message to a locked room: %v, want ErrLocked", err)
		}
		msgs, _, err := s.RoomMessages(ctx, room.ID, nil, 10)
		if err != nil || len(msgs) != 0 {
			t.Fatalf("the locked room has %d messages (%v)", len(msgs), err)
		}
	})
}
