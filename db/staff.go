package db

import (
	"context"
	"encoding/json"
	"time"

	"github.com/uptrace/bun"
)

// AuditEntry is one staff action: who, what, on what, when, and the thing
// before and after (JSON; "null" where it did not exist).
type AuditEntry struct {
	bun.BaseModel `bun:"table:staff_audit,alias:sa"`
	ID            int64     `bun:"id,pk,autoincrement"`
	StaffID       *int64    `bun:"staff_id"` // nil: the command line
	StaffName     string    `bun:"staff_name,notnull"`
	Action        string    `bun:"action,notnull"`
	Target        string    `bun:"target,notnull"`
	Before        string    `bun:"before_json,notnull"`
	After         string    `bun:"after_json,notnull"`
	At            time.Time `bun:"at,notnull"`
}

// Actor is who does a staff action: a staff user, or the command line (ID 0).
type Actor struct {
	ID   int64
	Name string
}

// Audited runs fn in a transaction and writes its audit entry in the same
// one, so no action is done without its record (nor recorded undone). fn
// returns the before and after states, marshalled to JSON.
func (s *Store) Audited(ctx context.Context, who Actor, action, target string, now time.Time,
	fn func(tx bun.Tx) (before, after any, err error)) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		before, after, err := fn(tx)
		if err != nil {
			return err
		}
		e := &AuditEntry{StaffName: who.Name, Action: action, Target: target, At: now.UTC(),
			Before: toJSON(before), After: toJSON(after)}
		if who.ID != 0 {
			e.StaffID = &who.ID
		}
		_, err = tx.NewInsert().Model(e).Exec(ctx)
		return err
	})
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// AuditLog returns the latest entries, newest first.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.DB.NewSelect().Model(&out).OrderExpr("at DESC, id DESC").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// CountAudit counts the audit entries (tests check that actions are recorded).
func (s *Store) CountAudit(ctx context.Context) (int64, error) {
	return s.DB.NewSelect().Model((*AuditEntry)(nil)).Count(ctx)
}

// SetStaff grants (or revokes) the staff role from the command line; the
// change is audited. ErrNotFound when no such user.
func (s *Store) SetStaff(ctx context.Context, username string, staff bool, now time.Time) (*User, error) {
	u, err := s.UserByUsername(ctx, username)
	if err != nil {
		return nil, err
	}
	action := "staff.grant"
	if !staff {
		action = "staff.revoke"
	}
	err = s.Audited(ctx, Actor{Name: "command line"}, action, "user:"+u.Username, now,
		func(tx bun.Tx) (any, any, error) {
			before := map[string]bool{"is_staff": u.IsStaff}
			_, err := tx.NewUpdate().Model((*User)(nil)).Set("is_staff = ?", staff).Where("id = ?", u.ID).Exec(ctx)
			return before, map[string]bool{"is_staff": staff}, err
		})
	s.ForgetUser(u.ID)
	u.IsStaff = staff
	return u, err
}

// SudoTime is when the session's password was last entered: at login or
// when staff re-entered it.
func (s *Store) SudoTime(ctx context.Context, tokenHash string) (time.Time, error) {
	sess := new(Session)
	if err := s.DB.NewSelect().Model(sess).Where("token_hash = ?", tokenHash).Scan(ctx); err != nil {
		return time.Time{}, notFound(err)
	}
	if sess.SudoAt != nil && sess.SudoAt.After(sess.CreatedAt) {
		return *sess.SudoAt, nil
	}
	return sess.CreatedAt, nil
}

// Sudo records (and audits) that the session's password was just entered again.
func (s *Store) Sudo(ctx context.Context, who Actor, tokenHash string, now time.Time) error {
	return s.Audited(ctx, who, "sudo", "session", now, func(tx bun.Tx) (any, any, error) {
		_, err := tx.NewUpdate().Model((*Session)(nil)).Set("sudo_at = ?", now.UTC()).
			Where("token_hash = ?", tokenHash).Exec(ctx)
		return nil, nil, err
	})
}
