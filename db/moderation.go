package db

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// ModerationNotice tells an author that staff removed their room or message.
type ModerationNotice struct {
	bun.BaseModel `bun:"table:moderation_notices,alias:mn"`
	ID            int64     `bun:"id,pk,autoincrement"`
	UserID        int64     `bun:"user_id,notnull"`
	Kind          string    `bun:"kind,notnull"` // "room" or "message"
	What          string    `bun:"what,notnull"` // the room's name, or the message's start
	At            time.Time `bun:"at,notnull"`
}

// Report is a user's report of a message, waiting in the staff's queue.
type Report struct {
	bun.BaseModel `bun:"table:message_reports,alias:rp"`
	ID            int64     `bun:"id,pk,autoincrement"`
	MessageID     int64     `bun:"message_id,notnull"`
	ReporterID    int64     `bun:"reporter_id,notnull"`
	Reason        string    `bun:"reason,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
	Reporter      string    `bun:"reporter,scanonly"`
	Body          string    `bun:"body,scanonly"`
	Author        string    `bun:"author,scanonly"`
	RoomID        int64     `bun:"room_id,scanonly"`
}

// excerpt is the start of a message, for notices and the audit log.
func excerpt(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return string(r)
}

// ModDeleteMessage removes any message, tells its author, and audits it.
func (s *Store) ModDeleteMessage(ctx context.Context, who Actor, id int64, now time.Time) (*Message, error) {
	m, err := s.MessageByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return m, s.Audited(ctx, who, "message.delete", "message:"+itoa(id), now, func(tx bun.Tx) (any, any, error) {
		res, err := tx.NewDelete().Model((*Message)(nil)).Where("id = ?", id).Exec(ctx)
		if err := oneRow(res, err); err != nil {
			return nil, nil, err
		}
		n := &ModerationNotice{UserID: m.UserID, Kind: "message", What: excerpt(m.Body), At: stamp(now)}
		_, err = tx.NewInsert().Model(n).Exec(ctx)
		return map[string]any{"room": m.RoomID, "author": m.Username, "body": m.Body}, nil, err
	})
}

// ModDeleteRoom removes any room with its messages, tells its host, and audits it.
func (s *Store) ModDeleteRoom(ctx context.Context, who Actor, id int64, now time.Time) (*Room, error) {
	r, err := s.RoomByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return r, s.Audited(ctx, who, "room.delete", "room:"+itoa(id), now, func(tx bun.Tx) (any, any, error) {
		res, err := tx.NewDelete().Model((*Room)(nil)).Where("id = ?", id).Exec(ctx)
		if err := oneRow(res, err); err != nil {
			return nil, nil, err
		}
		n := &ModerationNotice{UserID: r.HostID, Kind: "room", What: r.Name, At: stamp(now)}
		_, err = tx.NewInsert().Model(n).Exec(ctx)
		return map[string]any{"name": r.Name, "host": r.HostName, "topic": r.TopicName}, nil, err
	})
}

// LockRoom makes a room read-only (locked) or open again, audited.
func (s *Store) LockRoom(ctx context.Context, who Actor, id int64, locked bool, now time.Time) error {
	action := "room.unlock"
	var at *time.Time
	if locked {
		action = "room.lock"
		t := stamp(now)
		at = &t
	}
	return s.Audited(ctx, who, action, "room:"+itoa(id), now, func(tx bun.Tx) (any, any, error) {
		var was *time.Time
		if err := tx.NewSelect().Model((*Room)(nil)).Column("locked_at").Where("id = ?", id).Scan(ctx, &was); err != nil {
			return nil, nil, notFound(err)
		}
		_, err := tx.NewUpdate().Model((*Room)(nil)).Set("locked_at = ?", at).Where("id = ?", id).Exec(ctx)
		return map[string]bool{"locked": was != nil}, map[string]bool{"locked": locked}, err
	})
}

// ModerationNotices lists what staff removed of a user's, newest first.
func (s *Store) ModerationNotices(ctx context.Context, userID int64, limit int) ([]ModerationNotice, error) {
	var out []ModerationNotice
	err := s.DB.NewSelect().Model(&out).Where("user_id = ?", userID).OrderExpr("at DESC, id DESC").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// RenameTopic renames a topic, audited; ErrTaken when another topic already
// has the name (merge them instead).
func (s *Store) RenameTopic(ctx context.Context, who Actor, id int64, name string, now time.Time) error {
	name = strings.TrimSpace(name)
	return s.Audited(ctx, who, "topic.rename", "topic:"+itoa(id), now, func(tx bun.Tx) (any, any, error) {
		t := new(Topic)
		if err := tx.NewSelect().Model(t).Where("id = ?", id).Scan(ctx); err != nil {
			return nil, nil, notFound(err)
		}
		_, err := tx.NewUpdate().Model((*Topic)(nil)).Set("name = ?", name).Set("name_key = ?", TopicKey(name)).
			Where("id = ?", id).Exec(ctx)
		if isUniqueViolation(err) {
			return nil, nil, ErrTaken
		}
		return map[string]string{"name": t.Name}, map[string]string{"name": name}, err
	})
}

// MergeTopic moves every room of topic from into topic into, then deletes
// from; audited.
func (s *Store) MergeTopic(ctx context.Context, who Actor, from, into int64, now time.Time) error {
	return s.Audited(ctx, who, "topic.merge", "topic:"+itoa(from), now, func(tx bun.Tx) (any, any, error) {
		var a, b Topic
		if err := tx.NewSelect().Model(&a).Where("id = ?", from).Scan(ctx); err != nil {
			return nil, nil, notFound(err)
		}
		if err := tx.NewSelect().Model(&b).Where("id = ?", into).Scan(ctx); err != nil {
			return nil, nil, notFound(err)
		}
		if from == into {
			return nil, nil, ErrTaken
		}
		if _, err := tx.NewUpdate().Model((*Room)(nil)).Set("topic_id = ?", into).Where("topic_id = ?", from).Exec(ctx); err != nil {
			return nil, nil, err
		}
		_, err := tx.NewDelete().Model((*Topic)(nil)).Where("id = ?", from).Exec(ctx)
		return map[string]string{"topic": a.Name}, map[string]string{"merged_into": b.Name}, err
	})
}

// AllTopics lists every topic with its number of rooms, by name.
func (s *Store) AllTopics(ctx context.Context) ([]Topic, error) {
	var out []Topic
	err := s.DB.NewSelect().Model(&out).
		ColumnExpr("t.id, t.name").ColumnExpr("COUNT(r.id) AS rooms").
		Join("LEFT JOIN rooms AS r ON r.topic_id = t.id").
		GroupExpr("t.id, t.name").OrderExpr("t.name").Scan(ctx)
	return out, err
}

// Suspend keeps a user out (or lets them back in), audited. Suspending
// deletes their sessions and returns their ids, so the caller ends the live
// streams of each on every instance.
func (s *Store) Suspend(ctx context.Context, who Actor, userID int64, suspend bool, now time.Time) (ended []string, err error) {
	action := "user.reinstate"
	var at *time.Time
	if suspend {
		action = "user.suspend"
		t := stamp(now)
		at = &t
	}
	err = s.Audited(ctx, who, action, "user:"+itoa(userID), now, func(tx bun.Tx) (any, any, error) {
		u := new(User)
		if err := tx.NewSelect().Model(u).Where("id = ?", userID).Scan(ctx); err != nil {
			return nil, nil, notFound(err)
		}
		if _, err := tx.NewUpdate().Model((*User)(nil)).Set("suspended_at = ?", at).Where("id = ?", userID).Exec(ctx); err != nil {
			return nil, nil, err
		}
		if suspend {
			ended = ended[:0]
			if err := tx.NewDelete().Model((*Session)(nil)).Where("user_id = ?", userID).
				Returning("token_hash").Scan(ctx, &ended); err != nil {
				return nil, nil, err
			}
		}
		return map[string]any{"username": u.Username, "suspended": u.SuspendedAt != nil},
			map[string]any{"username": u.Username, "suspended": suspend}, nil
	})
	s.ForgetUser(userID)
	return ended, err
}

// Users lists accounts whose username contains q, by username.
func (s *Store) Users(ctx context.Context, q string, limit int) ([]User, error) {
	var out []User
	query := s.DB.NewSelect().Model(&out).OrderExpr("username_key").Limit(int64(limit))
	if q = strings.TrimSpace(q); q != "" {
		query = query.Where("username_key LIKE ?", "%"+strings.ToLower(q)+"%")
	}
	return out, query.Scan(ctx)
}

// ReportMessage records a user's report; a second report of the same
// message by the same user changes nothing.
func (s *Store) ReportMessage(ctx context.Context, messageID, reporterID int64, reason string, now time.Time) error {
	_, err := s.DB.NewInsert().Model(&Report{MessageID: messageID, ReporterID: reporterID, Reason: reason, CreatedAt: stamp(now)}).
		On("CONFLICT DO NOTHING").Exec(ctx)
	return err
}

// Reports is the staff's queue: open reports, oldest first.
func (s *Store) Reports(ctx context.Context, limit int) ([]Report, error) {
	var out []Report
	err := s.DB.NewSelect().Model(&out).ColumnExpr("rp.*").
		ColumnExpr("ru.username AS reporter").ColumnExpr("m.body AS body").ColumnExpr("au.username AS author").ColumnExpr("m.room_id AS room_id").
		Join("JOIN messages AS m ON m.id = rp.message_id").
		Join("JOIN users AS ru ON ru.id = rp.reporter_id").
		Join("JOIN users AS au ON au.id = m.user_id").
		OrderExpr("rp.created_at, rp.id").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// DismissReport closes a report without removing the message, audited.
func (s *Store) DismissReport(ctx context.Context, who Actor, id int64, now time.Time) error {
	return s.Audited(ctx, who, "report.dismiss", "report:"+itoa(id), now, func(tx bun.Tx) (any, any, error) {
		r := new(Report)
		if err := tx.NewSelect().Model(r).Where("id = ?", id).Scan(ctx); err != nil {
			return nil, nil, notFound(err)
		}
		_, err := tx.NewDelete().Model((*Report)(nil)).Where("id = ?", id).Exec(ctx)
		return map[string]any{"message": r.MessageID, "reason": r.Reason}, nil, err
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
