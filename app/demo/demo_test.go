package demo_test

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/demo"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

var day = time.Date(2026, 11, 28, 15, 0, 0, 0, time.UTC) // a Saturday: nothing depends on it

func TestSeedTwiceAddsNothingAndTheDemoUserLogsIn(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		if err := demo.Seed(ctx, s, day, false); err != nil {
			t.Fatal(err)
		}
		first, err := s.TableCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for table, min := range map[string]int{"users": 4, "rooms": 3, "messages": 15, "wallet_items": 6, "alerts": 3, "email_addresses": 4} {
			if first[table] < min {
				t.Errorf("after seeding, %s has %d rows, want at least %d", table, first[table], min)
			}
		}
		if err := demo.Seed(ctx, s, day.Add(time.Hour), false); err != nil {
			t.Fatalf("second run: %v", err)
		}
		if again, _ := s.TableCounts(ctx); !maps.Equal(first, again) {
			t.Fatalf("seeding twice changed the counts:\n%v\n%v", first, again)
		}

		srv := apptest.New(t, s, nil)
		c := apptest.NewClient(t, srv)
		r := c.Post("/login/", url.Values{"username": {demo.Username}, "password": {demo.Password}})
		if r.StatusCode != http.StatusSeeOther {
			t.Fatalf("demo login: %d %v", r.StatusCode, apptest.FieldErrors(r.Body))
		}
		if w := c.Get("/carteira"); !strings.Contains(w.Body, `id="PETR4_nota"`) || !strings.Contains(w.Body, `id="KNRI11_nota"`) {
			t.Error("the demo wallet is not on the demo user's wallet page")
		}
		if a := c.Get("/alerts/"); !strings.Contains(a.Body, "PETR4") || !strings.Contains(a.Body, "HGLG11") {
			t.Error("the demo alerts are not on the demo user's alerts page")
		}
		u, _ := s.UserByUsername(ctx, demo.Username)
		if ok, _ := s.AddressConfirmed(ctx, u.ID, demo.Email); !ok {
			t.Error("the demo alerts' address is not confirmed")
		}
		if f := c.Get("/forum/"); !strings.Contains(f.Body, "PETR4: dividendos ou armadilha?") {
			t.Error("the demo rooms are not in the forum")
		}
	})
}

func TestSeedRefusesADatabaseWithOtherUsers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, s *db.Store) {
		t.Parallel()
		ctx := context.Background()
		if err := s.CreateUser(ctx, &db.User{Username: "zeca", Email: "zeca@example.com", PasswordHash: "x"}, time.Now()); err != nil {
			t.Fatal(err)
		}
		before, _ := s.TableCounts(ctx)
		if err := demo.Seed(ctx, s, day, false); !errors.Is(err, demo.ErrRealUsers) {
			t.Fatalf("seeding a database with a real user: %v, want ErrRealUsers", err)
		}
		if after, _ := s.TableCounts(ctx); !maps.Equal(before, after) {
			t.Fatalf("a refused seed wrote:\n%v\n%v", before, after)
		}
		if err := demo.Seed(ctx, s, day, true); err != nil {
			t.Fatalf("with force: %v", err)
		}
		if after, _ := s.TableCounts(ctx); after["users"] != before["users"]+4 {
			t.Fatalf("with force: %d users, want %d", after["users"], before["users"]+4)
		}
	})
}
