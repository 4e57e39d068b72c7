package db

import (
	"context"
	"time"

	"github.com/uptrace/bun"
)

// Limit is "at most Max events per Window" for one value of a column.
type Limit struct {
	Column, Value string
	Max           int
	Window        time.Duration
}

// ReserveLogin is the login throttle. It counts the recent failures of the
// username and of the ip and, when every limit leaves room, records this
// attempt as a failure *before* the password is checked (a successful login
// clears it with ClearLoginFailures). Count and insert run in one transaction
// that holds a lock per limited value, so parallel attempts, here or on
// another instance, cannot all pass the count. wait > 0: nothing recorded,
// try again then; otherwise id names the recorded attempt (CancelLogin).
func (s *Store) ReserveLogin(ctx context.Context, username, ip string, now time.Time, limits ...Limit) (wait time.Duration, id int64, err error) {
	row := &LoginFailure{Username: username, IP: ip, At: now.UTC()}
	wait, err = s.reserve(ctx, "login_failures", (*LoginFailure)(nil), limits, now, row)
	return wait, row.ID, err
}

// CancelLogin forgets a reserved attempt whose password was never checked
// (the server was too busy), so it does not count against the user.
func (s *Store) CancelLogin(ctx context.Context, id int64) error {
	_, err := s.DB.NewDelete().Model((*LoginFailure)(nil)).Where("id = ?", id).Exec(ctx)
	return err
}

// ReserveSignup is the sign-up limit per client address, reserved the same way.
func (s *Store) ReserveSignup(ctx context.Context, ip string, now time.Time, max int, window time.Duration) (time.Duration, error) {
	return s.reserve(ctx, "signup_attempts", (*SignupAttempt)(nil), []Limit{{"ip", ip, max, window}}, now, &SignupAttempt{IP: ip, At: now.UTC()})
}

// reserve counts model's rows within each limit's window and inserts row when
// all are under their maximum. On PostgreSQL a transaction-scoped advisory
// lock per (table, column, value) serialises the check-then-insert; SQLite
// transactions begin IMMEDIATE (see openSQLite), which takes the database's
// write lock first, across processes too.
func (s *Store) reserve(ctx context.Context, table string, model any, limits []Limit, now time.Time, row any) (time.Duration, error) {
	var wait time.Duration
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		for _, lim := range limits {
			if lim.Column != "username" && lim.Column != "ip" && lim.Column != "email" {
				panic("db: limit by " + lim.Column)
			}
			if s.IsPostgres() {
				// Locks are always taken in the order of limits, so two
				// attempts cannot deadlock.
				if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))",
					table+"."+lim.Column, lim.Value); err != nil {
					return err
				}
			}
		}
		for _, lim := range limits {
			q := func() *bun.SelectQuery {
				return tx.NewSelect().Model(model).Where("? = ?", bun.Ident(lim.Column), lim.Value).
					Where("at > ?", now.Add(-lim.Window).UTC())
			}
			n, err := q().Count(ctx)
			if err != nil {
				return err
			}
			if n < int64(lim.Max) {
				continue
			}
			var oldest time.Time
			if err := q().Column("at").Order("at ASC").Limit(1).Scan(ctx, &oldest); err != nil {
				return err
			}
			// The oldest event in the window leaves it at oldest+window.
			wait = max(wait, oldest.Add(lim.Window).Sub(now), time.Second)
		}
		if wait > 0 {
			return nil
		}
		_, err := tx.NewInsert().Model(row).Returning("id").Exec(ctx)
		return err
	})
	return wait, err
}

// ClearLoginFailures forgets a username's failures after a successful login,
// the reservation of that login included.
func (s *Store) ClearLoginFailures(ctx context.Context, username string) error {
	_, err := s.DB.NewDelete().Model((*LoginFailure)(nil)).Where("username = ?", username).Exec(ctx)
	return err
}
