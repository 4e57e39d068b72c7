// Package dbtest gives each test its own migrated database: always a SQLite
// file, and a PostgreSQL schema of its own when TEST_DATABASE_URL is set.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/stonks-b3/stonks/db"
)

// Each runs fn once per available database, as subtests named "sqlite" and "postgres".
func Each(t *testing.T, fn func(t *testing.T, store *db.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	if HavePostgres(t) {
		t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
	}
}

// HavePostgres says whether TEST_DATABASE_URL is set. In CI (CI=true) a
// missing one fails the test instead: the PostgreSQL leg must never be
// dropped silently where it is meant to run.
func HavePostgres(t testing.TB) bool {
	t.Helper()
	if os.Getenv("TEST_DATABASE_URL") != "" {
		return true
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("TEST_DATABASE_URL is not set, but CI=true: PostgreSQL tests must run in CI")
	}
	return false
}

// Backends lists the DATABASE_URL of a fresh database per available backend,
// for tests that start the whole server (they migrate it themselves).
func Backends(t testing.TB) map[string]string {
	t.Helper()
	m := map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "test.db")}
	if HavePostgres(t) {
		m["postgres"] = PostgresURL(t)
	}
	return m
}

// SQLite returns a migrated store on a new file in the test's temp dir.
func SQLite(t testing.TB) *db.Store {
	t.Helper()
	return open(t, "sqlite:"+filepath.Join(t.TempDir(), "test.db"))
}

// Postgres returns a migrated store in a schema of its own, dropped at the end.
func Postgres(t testing.TB) *db.Store {
	t.Helper()
	if !HavePostgres(t) {
		t.Skip("TEST_DATABASE_URL is not set")
	}
	return open(t, PostgresURL(t))
}

// PostgresURL creates an empty schema for this test and returns a URL whose
// connections use it; the schema is dropped when the test ends.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("TEST_DATABASE_URL")
	admin, err := db.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	ctx := context.Background()
	if _, err := admin.DB.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.DB.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB, dsn string) *db.Store {
	t.Helper()
	s, err := db.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(fmt.Errorf("migrate %s: %w", s.DB.Dialect().Name(), err))
	}
	return s
}
