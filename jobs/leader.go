package jobs

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stonks-b3/stonks/db"
)

// ErrNotLeader is what the elector answers gocron on every instance but
// the leader: the job's run is skipped there.
var ErrNotLeader = errors.New("jobs: another instance leads")

// PGElector makes one instance among those on one PostgreSQL the leader,
// by a session-level advisory lock held on a connection of its own (not a
// pooled statement: the lock lives exactly as long as that session). gocron
// asks IsLeader before each run: the leader checks its session is alive and
// otherwise stops leading at once; the others try to take the lock, which
// PostgreSQL frees when the leader's session ends (kill -9, network loss),
// so one of them takes over at its next run.
type PGElector struct {
	sqlDB *sql.DB
	key   string

	mu     sync.Mutex
	conn   *sql.Conn
	closed bool
	leader atomic.Bool
	pid    atomic.Int64
	// Checks counts IsLeader calls (one per job run due on this instance).
	Checks atomic.Uint64
}

// NewPGElector elects among the instances that use the same key.
func NewPGElector(sqlDB *sql.DB, key string) *PGElector {
	return &PGElector{sqlDB: sqlDB, key: key}
}

// IsLeader returns nil when this instance leads (gocron's Elector).
func (e *PGElector) IsLeader(ctx context.Context) error {
	e.Checks.Add(1)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return ErrNotLeader
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if e.conn != nil {
		if e.conn.PingContext(ctx) == nil {
			return nil
		}
		e.drop()
	}
	conn, err := e.sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	ok, err := db.TryLeaderLock(ctx, conn, e.key)
	if err != nil || !ok {
		// Without the lock the session holds nothing: back to the pool.
		_ = conn.Close()
		if err != nil {
			return err
		}
		return ErrNotLeader
	}
	if pid, err := db.BackendPID(ctx, conn); err == nil {
		e.pid.Store(int64(pid))
	}
	e.conn = conn
	e.leader.Store(true)
	return nil
}

// drop discards the leader's connection: never back to the pool, where its
// lock would live on in some unrelated session.
func (e *PGElector) drop() {
	e.leader.Store(false)
	e.pid.Store(0)
	_ = e.conn.Raw(func(any) error { return driver.ErrBadConn })
	_ = e.conn.Close()
	e.conn = nil
}

// Leader reports whether this instance led at its last check.
func (e *PGElector) Leader() bool { return e.leader.Load() }

// PID is the PostgreSQL backend holding the lock (0: not leading), for tests.
func (e *PGElector) PID() int64 { return e.pid.Load() }

// Close gives the leadership up (shutdown).
func (e *PGElector) Close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.closed = true
	if e.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_ = db.ReleaseLeaderLock(ctx, e.conn, e.key) // the session may be gone already
		cancel()
		e.drop()
	}
}
