package db

import (
	"context"
	"database/sql"
	"errors"

	"github.com/uptrace/bun"
)

// What the demo seeder (app/demo) needs of the data layer beyond the app's
// own writes: finding what an earlier run made, so a second run adds nothing,
// and refusing a database that holds real users.

// CountUsersExcept counts the accounts whose username is not in names.
func (s *Store) CountUsersExcept(ctx context.Context, names []string) (int, error) {
	q := s.DB.NewSelect().Model((*User)(nil))
	if len(names) > 0 {
		q.Where("username NOT IN (?)", bun.List(names))
	}
	n, err := q.Count(ctx)
	return int(n), err
}

// RoomByHostAndName returns the id of hostID's room named name, or ErrNotFound.
func (s *Store) RoomByHostAndName(ctx context.Context, hostID int64, name string) (int64, error) {
	var id int64
	err := s.DB.NewSelect().Model((*Room)(nil)).Column("id").
		Where("host_id = ? AND name = ?", hostID, name).OrderExpr("id").Limit(1).Scan(ctx, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}

// TableCounts counts the rows of the tables people write to, by table name:
// what a seed added, at a glance.
func (s *Store) TableCounts(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range []string{"users", "topics", "rooms", "messages", "room_participants", "wallet_items", "alerts", "email_addresses"} {
		n, err := s.DB.NewSelect().TableExpr(t).Count(ctx)
		if err != nil {
			return nil, err
		}
		out[t] = int(n)
	}
	return out, nil
}
