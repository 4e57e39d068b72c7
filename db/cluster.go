package db

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// What several instances on one PostgreSQL share besides the app's data:
// the watched tickers of each instance, and live payloads too big for NOTIFY.

// InstanceWatch is one instance's watched tickers, refreshed by a heartbeat.
type InstanceWatch struct {
	bun.BaseModel `bun:"table:instance_watch"`
	Instance      string    `bun:"instance,pk"`
	Tickers       string    `bun:"tickers,notnull"` // space-separated
	HeartbeatAt   time.Time `bun:"heartbeat_at,notnull"`
}

// LivePayload is a live event kept for the instances to read by id.
type LivePayload struct {
	bun.BaseModel `bun:"table:live_payloads"`
	ID            int64     `bun:"id,pk,autoincrement"`
	Data          string    `bun:"data,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
}

// Heartbeat records what instance watches now.
func (s *Store) Heartbeat(ctx context.Context, instance string, tickers []string, now time.Time) error {
	row := &InstanceWatch{Instance: instance, Tickers: strings.Join(tickers, " "), HeartbeatAt: now.UTC()}
	_, err := s.DB.NewInsert().Model(row).
		On("CONFLICT (instance) DO UPDATE").Set("tickers = EXCLUDED.tickers, heartbeat_at = EXCLUDED.heartbeat_at").
		Exec(ctx)
	return err
}

// Unwatch removes instance's row (it is shutting down).
func (s *Store) Unwatch(ctx context.Context, instance string) error {
	_, err := s.DB.NewDelete().Model((*InstanceWatch)(nil)).Where("instance = ?", instance).Exec(ctx)
	return err
}

// WatchedUnion returns the tickers watched by instances that heartbeat
// after since, each once, and deletes rows older than that.
func (s *Store) WatchedUnion(ctx context.Context, since time.Time) ([]string, error) {
	if _, err := s.DB.NewDelete().Model((*InstanceWatch)(nil)).Where("heartbeat_at <= ?", since.UTC()).Exec(ctx); err != nil {
		return nil, err
	}
	var rows []InstanceWatch
	if err := s.DB.NewSelect().Model(&rows).Where("heartbeat_at > ?", since.UTC()).Scan(ctx); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		for _, t := range strings.Fields(r.Tickers) {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// Notify sends payload on a PostgreSQL NOTIFY channel (delivered to the
// listeners when the statement's implicit transaction commits).
func (s *Store) Notify(ctx context.Context, channel, payload string) error {
	_, err := s.DB.ExecContext(ctx, "SELECT pg_notify(?, ?)", channel, payload)
	return err
}

// PutLivePayload keeps data for the instances to read, returning its id.
func (s *Store) PutLivePayload(ctx context.Context, data string, now time.Time) (int64, error) {
	p := &LivePayload{Data: data, CreatedAt: now.UTC()}
	_, err := s.DB.NewInsert().Model(p).Returning("id").Exec(ctx)
	return p.ID, err
}

// LivePayloadByID reads a payload kept by PutLivePayload.
func (s *Store) LivePayloadByID(ctx context.Context, id int64) (string, error) {
	var p LivePayload
	err := s.DB.NewSelect().Model(&p).Where("id = ?", id).Scan(ctx)
	return p.Data, err
}

// DeleteLivePayloads removes payloads created before before: every
// listener has read them seconds after they were written.
func (s *Store) DeleteLivePayloads(ctx context.Context, before time.Time) error {
	_, err := s.DB.NewDelete().Model((*LivePayload)(nil)).Where("created_at < ?", before.UTC()).Exec(ctx)
	return err
}

// Schema is the PostgreSQL schema connections use (search_path), which
// scopes what is database-wide (NOTIFY channels, advisory locks) to one app.
func (s *Store) Schema(ctx context.Context) (string, error) {
	var name string
	err := s.DB.QueryRowContext(ctx, "SELECT current_schema()").Scan(&name)
	return name, err
}

// TryLeaderLock tries to take the session-level advisory lock named key on
// conn, a connection the caller keeps for as long as it leads: the lock
// lives exactly as long as that session.
func TryLeaderLock(ctx context.Context, conn *sql.Conn, key string) (bool, error) {
	var ok bool
	err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(hashtext($1))", key).Scan(&ok)
	return ok, err
}

// ReleaseLeaderLock gives the lock up on conn, at once: closing the
// connection would too, but only once the server has noticed.
func ReleaseLeaderLock(ctx context.Context, conn *sql.Conn, key string) error {
	_, err := conn.ExecContext(ctx, "SELECT pg_advisory_unlock(hashtext($1))", key)
	return err
}

// BackendPID is the PostgreSQL server process of conn (to tell it apart).
func BackendPID(ctx context.Context, conn *sql.Conn) (int, error) {
	var pid int
	err := conn.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid)
	return pid, err
}
