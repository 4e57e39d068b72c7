package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// The forum index and the dashboard read their lists at once (one round
// trip of waiting on PostgreSQL, queued on SQLite's one connection) and get
// what the queries one after the other would give.
func TestForumAndDashboardLoadAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		ctx := context.Background()
		now := time.Now()
		ana := user(t, s, "ana")
		for _, name := range []string{"Galpões", "Bancos", "PETR4"} {
			r := &db.Room{HostID: ana.ID, Name: name}
			if err := s.CreateRoom(ctx, r, "FIIs", now); err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateMessage(ctx, &db.Message{RoomID: r.ID, UserID: ana.ID, Body: "oi " + name}, time.Now); err != nil {
				t.Fatal(err)
			}
		}
		f, err := s.LoadForum(ctx, "", 100, 20, 2)
		if err != nil || f.Count != 3 || len(f.Rooms) != 3 || len(f.Topics) != 1 || f.Topics[0].Rooms != 3 || len(f.Recent) != 2 {
			t.Fatalf("forum: %+v %v", f, err)
		}
		d, err := s.LoadDashboard(ctx, ana.ID, now, 5, 2)
		if err != nil || len(d.Items) != 0 || len(d.Watched) != 0 || len(d.Notices) != 0 || len(d.Rooms) != 2 {
			t.Fatalf("dashboard: %+v %v", d, err)
		}
	})
}
