package db

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // registers the "sqlite" driver, no cgo
)

// Store is the data layer; handlers and jobs call its methods and never write SQL.
type Store struct {
	DB *bun.DB
	// sessions caches SessionUser's answers (EnableSessionCache); nil: off.
	sessions *sessionCache
}

// Open connects to DATABASE_URL: postgres://… or sqlite:path.
func Open(dsn string) (*Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		sqldb, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		sqldb.SetMaxOpenConns(20)
		sqldb.SetMaxIdleConns(10)
		return &Store{DB: bun.NewDB(sqldb, pgdialect.New())}, nil
	case strings.HasPrefix(dsn, "sqlite:"):
		return openSQLite(strings.TrimPrefix(dsn, "sqlite:"))
	}
	return nil, fmt.Errorf("DATABASE_URL: unsupported %q", dsn)
}

func openSQLite(path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate") // take the write lock at BEGIN, so no transaction fails half-way on upgrade
	// The path goes into a file: URI, where "?" and "#" would end it: a test's
	// temp dir named "sqlite#01" opened a file shared by every such test.
	uriPath := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	sqldb, err := sql.Open("sqlite", "file:"+uriPath+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	// One connection: SQLite has one writer anyway, and a single connection turns
	// lock contention into queueing in database/sql instead of SQLITE_BUSY errors.
	// Consequence for callers: inside RunInTx use only the tx, never s.DB.
	sqldb.SetMaxOpenConns(1)
	return &Store{DB: bun.NewDB(sqldb, sqlitedialect.New())}, nil
}

// Close closes the connection pool.
func (s *Store) Close() error { return s.DB.Close() }

// Ping checks that the database answers, for /readyz.
func (s *Store) Ping(ctx context.Context) error { return s.DB.PingContext(ctx) }

// IsPostgres tells which dialect is in use, for the few queries that differ.
func (s *Store) IsPostgres() bool { return s.DB.Dialect().Name().String() == "pg" }
