package db_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
	"github.com/stonks-b3/stonks/db/migrations"
	"github.com/uptrace/bun/migrate"
)

// Accounts made before the look-alike key get one; of two existing names
// that now look the same, the older keeps the name for login.
func TestUsernameKeyBackfill(t *testing.T) {
	urls := map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "old.db")}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		urls["postgres"] = dbtest.PostgresURL(t)
	}
	for name, url := range urls {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s, err := db.Open(url)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			before := migrate.NewMigrations()
			for _, m := range migrations.All.Sorted() {
				if m.Name < "20261128100002" {
					before.Add(m)
				}
			}
			mig := migrate.NewMigrator(s.DB, before)
			if err := mig.Init(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := mig.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			for _, u := range []string{"admin", "ａｄｍｉｎ", "bob"} {
				if _, err := s.DB.ExecContext(ctx, `INSERT INTO users (username, email, password_hash, created_at) VALUES (?, 'x@example.com', 'x', CURRENT_TIMESTAMP)`, u); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			for login, want := range map[string]string{"ADMIN": "admin", "ａｄｍｉｎ": "admin", "Bob": "bob"} {
				u, err := s.UserByUsername(ctx, login)
				if err != nil || u.Username != want {
					t.Errorf("login as %q finds %+v (%v), want %s", login, u, err, want)
				}
			}
			if err := s.CreateUser(ctx, &db.User{Username: "ＢＯＢ", Email: "b@example.com", PasswordHash: "y"}, time.Now()); !errors.Is(err, db.ErrTaken) {
				t.Errorf("new look-alike of an old name: %v, want ErrTaken", err)
			}
		})
	}
}
