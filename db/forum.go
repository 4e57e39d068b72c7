package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// Topic groups rooms ("Dividendos", "FIIs"); Rooms is filled by queries that count them.
type Topic struct {
	bun.BaseModel `bun:"table:topics,alias:t"`
	ID            int64     `bun:"id,pk,autoincrement"`
	Name          string    `bun:"name,notnull"`
	NameKey       string    `bun:"name_key,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
	Rooms         int       `bun:"rooms,scanonly"`
}

// Room is a forum room. HostName and TopicName come from joins.
type Room struct {
	bun.BaseModel `bun:"table:rooms,alias:r"`
	ID            int64      `bun:"id,pk,autoincrement"`
	HostID        int64      `bun:"host_id,notnull"`
	TopicID       int64      `bun:"topic_id,notnull"`
	Name          string     `bun:"name,notnull"`
	Description   string     `bun:"description,notnull"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	UpdatedAt     time.Time  `bun:"updated_at,notnull"`
	LockedAt      *time.Time `bun:"locked_at"` // set: read-only, staff locked it
	HostName      string     `bun:"host_name,scanonly"`
	TopicName     string     `bun:"topic_name,scanonly"`
}

// Message is a post in a room. Username and RoomName come from joins.
type Message struct {
	bun.BaseModel `bun:"table:messages,alias:m"`
	ID            int64     `bun:"id,pk,autoincrement"`
	RoomID        int64     `bun:"room_id,notnull"`
	UserID        int64     `bun:"user_id,notnull"`
	Body          string    `bun:"body,notnull"`
	CreatedAt     time.Time `bun:"created_at,notnull"`
	Username      string    `bun:"username,scanonly"`
	RoomName      string    `bun:"room_name,scanonly"`
}

// Participant is a user who posted in a room.
type Participant struct {
	bun.BaseModel `bun:"table:room_participants,alias:p"`
	RoomID        int64     `bun:"room_id,pk"`
	UserID        int64     `bun:"user_id,pk"`
	JoinedAt      time.Time `bun:"joined_at,notnull"`
	Username      string    `bun:"username,scanonly"`
}

// Cursor is a keyset position in a room's messages: the page continues
// with messages older than (At, ID).
type Cursor struct {
	At time.Time
	ID int64
}

// stamp is how a time is stored for new rows: UTC, to the microsecond that
// PostgreSQL keeps, so a cursor made from a read row matches the stored one.
// The time itself comes from the caller (the app's clock, web.Env.Now).
func stamp(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// TopicKey is how topic names are compared: trimmed and lower-cased.
func TopicKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// topicID returns the id of the topic named name, creating it when new.
func topicID(ctx context.Context, tx bun.Tx, name string, now time.Time) (int64, error) {
	t := &Topic{Name: strings.TrimSpace(name), NameKey: TopicKey(name), CreatedAt: stamp(now)}
	if _, err := tx.NewInsert().Model(t).On("CONFLICT DO NOTHING").Exec(ctx); err != nil {
		return 0, err
	}
	var id int64
	err := tx.NewSelect().Model((*Topic)(nil)).Column("id").Where("name_key = ?", t.NameKey).Scan(ctx, &id)
	return id, err
}

// CreateRoom inserts r, hosted by r.HostID, in the topic named topic (created
// when new), created at now.
func (s *Store) CreateRoom(ctx context.Context, r *Room, topic string, now time.Time) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		id, err := topicID(ctx, tx, topic, now)
		if err != nil {
			return err
		}
		r.TopicID, r.CreatedAt, r.UpdatedAt = id, stamp(now), stamp(now)
		_, err = tx.NewInsert().Model(r).Returning("id").Exec(ctx)
		return err
	})
}

// UpdateRoom saves r's name, description and topic (created when new),
// updated at now, when hostID hosts it; otherwise ErrNotFound and nothing
// changes.
func (s *Store) UpdateRoom(ctx context.Context, hostID int64, r *Room, topic string, now time.Time) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		id, err := topicID(ctx, tx, topic, now)
		if err != nil {
			return err
		}
		r.TopicID, r.UpdatedAt = id, stamp(now)
		res, err := tx.NewUpdate().Model(r).Column("topic_id", "name", "description", "updated_at").
			WherePK().Where("host_id = ?", hostID).Exec(ctx)
		return oneRow(res, err)
	})
}

// DeleteRoom removes hostID's room with its messages and participants;
// ErrNotFound when hostID does not host it.
func (s *Store) DeleteRoom(ctx context.Context, hostID, id int64) error {
	res, err := s.DB.NewDelete().Model((*Room)(nil)).Where("id = ? AND host_id = ?", id, hostID).Exec(ctx)
	return oneRow(res, err)
}

// selectRooms is the room query with the host's and the topic's names.
func (s *Store) selectRooms(out any) *bun.SelectQuery {
	return s.DB.NewSelect().Model(out).
		ColumnExpr("r.*").ColumnExpr("u.username AS host_name").ColumnExpr("t.name AS topic_name").
		Join("JOIN users AS u ON u.id = r.host_id").
		Join("JOIN topics AS t ON t.id = r.topic_id")
}

// RoomByID finds a room; ErrNotFound when there is none.
func (s *Store) RoomByID(ctx context.Context, id int64) (*Room, error) {
	r := new(Room)
	err := s.selectRooms(r).Where("r.id = ?", id).Scan(ctx)
	return r, notFound(err)
}

// RoomExists tells whether room id exists, without loading it.
func (s *Store) RoomExists(ctx context.Context, id int64) (bool, error) {
	return s.DB.NewSelect().Model((*Room)(nil)).Where("id = ?", id).Exists(ctx)
}

// whereRoomMatches filters by q over the topic, name and description (case-insensitive).
func whereRoomMatches(q *bun.SelectQuery, text string) *bun.SelectQuery {
	text = strings.TrimSpace(text)
	if text == "" {
		return q
	}
	if !searchable(text) {
		return q.Where(noMatch)
	}
	like := "%" + escapeLike(strings.ToLower(text)) + "%"
	return q.WhereGroup(" AND ", func(w *bun.SelectQuery) *bun.SelectQuery {
		return w.Where("LOWER(t.name) LIKE ? ESCAPE '\\'", like).
			WhereOr("LOWER(r.name) LIKE ? ESCAPE '\\'", like).
			WhereOr("LOWER(r.description) LIKE ? ESCAPE '\\'", like)
	})
}

// Rooms lists up to limit rooms matching q, most recently active first, and
// how many match in all.
func (s *Store) Rooms(ctx context.Context, q string, limit int) ([]Room, int, error) {
	var out []Room
	sel := whereRoomMatches(s.selectRooms(&out), q).OrderExpr("r.updated_at DESC, r.id DESC").Limit(int64(limit))
	n, err := sel.ScanAndCount(ctx)
	return out, int(n), err
}

// RoomsByHost lists the rooms a user hosts, most recently active first.
func (s *Store) RoomsByHost(ctx context.Context, userID int64, limit int) ([]Room, error) {
	var out []Room
	err := s.selectRooms(&out).Where("r.host_id = ?", userID).OrderExpr("r.updated_at DESC, r.id DESC").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// Topics lists topics with their room counts, busiest first.
func (s *Store) Topics(ctx context.Context, limit int) ([]Topic, error) {
	var out []Topic
	err := s.DB.NewSelect().Model(&out).
		ColumnExpr("t.id, t.name").ColumnExpr("COUNT(r.id) AS rooms").
		Join("LEFT JOIN rooms AS r ON r.topic_id = t.id").
		GroupExpr("t.id, t.name").
		OrderExpr("COUNT(r.id) DESC, t.name").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// TopicsByHost lists the topics of the rooms a user hosts, with how many of them.
func (s *Store) TopicsByHost(ctx context.Context, userID int64) ([]Topic, error) {
	var out []Topic
	err := s.DB.NewSelect().Model(&out).
		ColumnExpr("t.id, t.name").ColumnExpr("COUNT(r.id) AS rooms").
		Join("JOIN rooms AS r ON r.topic_id = t.id").
		Where("r.host_id = ?", userID).
		GroupExpr("t.id, t.name").OrderExpr("COUNT(r.id) DESC, t.name").Scan(ctx)
	return out, err
}

// selectMessages is the message query with the author's name and the room's name.
func (s *Store) selectMessages(out any) *bun.SelectQuery {
	return s.DB.NewSelect().Model(out).
		ColumnExpr("m.*").ColumnExpr("u.username AS username").ColumnExpr("r.name AS room_name").
		Join("JOIN users AS u ON u.id = m.user_id").
		Join("JOIN rooms AS r ON r.id = m.room_id")
}

// RecentMessages lists the latest messages of the rooms matching q.
func (s *Store) RecentMessages(ctx context.Context, q string, limit int) ([]Message, error) {
	var out []Message
	sel := s.selectMessages(&out)
	if strings.TrimSpace(q) != "" {
		sel = whereRoomMatches(sel.Join("JOIN topics AS t ON t.id = r.topic_id"), q)
	}
	err := sel.OrderExpr("m.created_at DESC, m.id DESC").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// MessagesByUser lists a user's latest messages.
func (s *Store) MessagesByUser(ctx context.Context, userID int64, limit int) ([]Message, error) {
	var out []Message
	err := s.selectMessages(&out).Where("m.user_id = ?", userID).OrderExpr("m.created_at DESC, m.id DESC").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// RoomMessages returns up to limit messages of a room, newest first,
// older than after when it is set, and whether older ones remain. It reads
// one row past the page to know, from the (room_id, created_at, id) index.
func (s *Store) RoomMessages(ctx context.Context, roomID int64, after *Cursor, limit int) ([]Message, bool, error) {
	var out []Message
	sel := s.DB.NewSelect().Model(&out).
		ColumnExpr("m.*").ColumnExpr("u.username AS username").
		Join("JOIN users AS u ON u.id = m.user_id").
		Where("m.room_id = ?", roomID)
	if after != nil {
		sel = sel.Where("(m.created_at, m.id) < (?, ?)", after.At.UTC(), after.ID)
	}
	err := sel.OrderExpr("m.created_at DESC, m.id DESC").Limit(int64(limit) + 1).Scan(ctx)
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	return out, more, err
}

// RoomPage is what a room's page shows.
type RoomPage struct {
	Room         *Room
	Messages     []Message
	More         bool // older messages remain
	Participants []Participant
}

// ForumPage is what the forum's index shows.
type ForumPage struct {
	Rooms  []Room
	Count  int // rooms matching, beyond the listed ones too
	Topics []Topic
	Recent []Message
}

// LoadForum reads the rooms matching q (Rooms), the busiest topics (Topics)
// and the latest messages of those rooms (RecentMessages), at once, as
// LoadRoomPage does.
func (s *Store) LoadForum(ctx context.Context, q string, rooms, topics, recent int) (*ForumPage, error) {
	p := &ForumPage{}
	var wg sync.WaitGroup
	var errRooms, errTopics, errRecent error
	wg.Go(func() { p.Rooms, p.Count, errRooms = s.Rooms(ctx, q, rooms) })
	wg.Go(func() { p.Topics, errTopics = s.Topics(ctx, topics) })
	wg.Go(func() { p.Recent, errRecent = s.RecentMessages(ctx, q, recent) })
	wg.Wait()
	if err := errors.Join(errRooms, errTopics, errRecent); err != nil {
		return nil, err
	}
	return p, nil
}

// LoadRoomPage reads a room, a page of its messages (see RoomMessages) and
// its participants. The three queries run at once: on PostgreSQL that is one
// round trip of waiting instead of three; SQLite's single connection simply
// queues them. ErrNotFound when the room does not exist.
func (s *Store) LoadRoomPage(ctx context.Context, roomID int64, after *Cursor, limit int) (*RoomPage, error) {
	p := &RoomPage{}
	var wg sync.WaitGroup
	var errRoom, errMsgs, errParts error
	wg.Go(func() { p.Room, errRoom = s.RoomByID(ctx, roomID) })
	wg.Go(func() { p.Messages, p.More, errMsgs = s.RoomMessages(ctx, roomID, after, limit) })
	wg.Go(func() { p.Participants, errParts = s.Participants(ctx, roomID) })
	wg.Wait()
	if err := errors.Join(errRoom, errMsgs, errParts); err != nil {
		return nil, err
	}
	return p, nil
}

// MessageByID finds a message; ErrNotFound when there is none.
func (s *Store) MessageByID(ctx context.Context, id int64) (*Message, error) {
	m := new(Message)
	err := s.selectMessages(m).Where("m.id = ?", id).Scan(ctx)
	return m, notFound(err)
}

// ErrLocked: the room is locked by the moderators (read-only).
var ErrLocked = errors.New("room is locked")

// CreateMessage inserts m (setting its ID and time), makes its author a
// participant of the room and marks the room active. joined tells whether
// the author just became a participant.
//
// A room's messages are written one at a time (a row lock on the room on
// PostgreSQL; SQLite has a single writer), and the time is taken once the
// lock is held: so their stored order, (created_at, id), is also the order
// they commit in, which is what lets live updates follow the stored order
// (see MessagesAfter). That is why the clock (the app's, web.Env.Now) is
// passed in rather than a time: it is read under the lock.
func (s *Store) CreateMessage(ctx context.Context, m *Message, clock func() time.Time) (joined bool, err error) {
	preset := !m.CreatedAt.IsZero()
	err = s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		// The room row is locked (PostgreSQL; SQLite has one writer), so the
		// message's time and a moderator's lock are decided under it.
		q := tx.NewSelect().Model((*Room)(nil)).Column("r.locked_at").Where("r.id = ?", m.RoomID)
		if s.IsPostgres() {
			q.For("UPDATE")
		}
		var locked *time.Time
		if err := q.Scan(ctx, &locked); err != nil {
			return notFound(err)
		}
		if locked != nil {
			return ErrLocked
		}
		if !preset {
			m.CreatedAt = clock()
		}
		m.CreatedAt = m.CreatedAt.UTC().Truncate(time.Microsecond)
		if _, err := tx.NewInsert().Model(m).Returning("id").Exec(ctx); err != nil {
			return err
		}
		p := &Participant{RoomID: m.RoomID, UserID: m.UserID, JoinedAt: m.CreatedAt}
		res, err := tx.NewInsert().Model(p).On("CONFLICT DO NOTHING").Exec(ctx)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		joined = n == 1
		_, err = tx.NewUpdate().Model((*Room)(nil)).Set("updated_at = ?", m.CreatedAt).Where("id = ?", m.RoomID).Exec(ctx)
		return err
	})
	return joined, err
}

// MessagesAfter returns up to limit messages of a room stored after the
// cursor, oldest first (the live feed's order); a zero cursor starts at the
// beginning.
func (s *Store) MessagesAfter(ctx context.Context, roomID int64, after Cursor, limit int) ([]Message, error) {
	var out []Message
	err := s.selectMessages(&out).Where("m.room_id = ?", roomID).
		Where("(m.created_at, m.id) > (?, ?)", after.At.UTC(), after.ID).
		OrderExpr("m.created_at ASC, m.id ASC").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// LastMessage returns the cursor of a room's newest message; the zero
// Cursor when it has none.
func (s *Store) LastMessage(ctx context.Context, roomID int64) (Cursor, error) {
	var m Message
	err := s.DB.NewSelect().Model(&m).Column("m.created_at", "m.id").Where("m.room_id = ?", roomID).
		OrderExpr("m.created_at DESC, m.id DESC").Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Cursor{}, nil
	}
	return Cursor{At: m.CreatedAt, ID: m.ID}, err
}

// DeleteMessage removes authorID's message; ErrNotFound when it is not theirs.
func (s *Store) DeleteMessage(ctx context.Context, authorID, id int64) error {
	res, err := s.DB.NewDelete().Model((*Message)(nil)).Where("id = ? AND user_id = ?", id, authorID).Exec(ctx)
	return oneRow(res, err)
}

// Participants lists who posted in a room, in the order they joined.
func (s *Store) Participants(ctx context.Context, roomID int64) ([]Participant, error) {
	var out []Participant
	err := s.DB.NewSelect().Model(&out).
		ColumnExpr("p.*").ColumnExpr("u.username AS username").
		Join("JOIN users AS u ON u.id = p.user_id").
		Where("p.room_id = ?", roomID).OrderExpr("p.joined_at, p.user_id").Scan(ctx)
	return out, err
}

// SeedMessages adds n messages by userID to a room in one statement, one
// second apart and ending at end, for benchmarks and load tests.
func (s *Store) SeedMessages(ctx context.Context, roomID, userID int64, n int, end time.Time) error {
	end = end.UTC().Truncate(time.Second)
	var res sql.Result
	var err error
	if s.IsPostgres() {
		res, err = s.DB.ExecContext(ctx, `INSERT INTO messages (room_id, user_id, body, created_at)
			SELECT ?, ?, 'message ' || g, ?::timestamptz - g * interval '1 second' FROM generate_series(1, ?) AS g`,
			roomID, userID, end, n)
	} else {
		// The same text form bun writes ("2006-01-02 15:04:05+00:00"), so
		// these times compare correctly with the ones it stores.
		res, err = s.DB.ExecContext(ctx, `WITH RECURSIVE seq(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM seq WHERE g < ?)
			INSERT INTO messages (room_id, user_id, body, created_at)
			SELECT ?, ?, 'message ' || g, strftime('%Y-%m-%d %H:%M:%S', ?, '-' || g || ' seconds') || '+00:00' FROM seq`,
			n, roomID, userID, end.Format("2006-01-02 15:04:05"))
	}
	if err != nil {
		return err
	}
	if got, _ := res.RowsAffected(); got != int64(n) {
		return fmt.Errorf("seed messages: %d rows, want %d", got, n)
	}
	return nil
}
