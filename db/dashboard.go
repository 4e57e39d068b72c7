package db

import (
	"context"
	"errors"
	"sync"
	"time"
)

// WatchedTickers is what a user follows without a watchlist table: the
// tickers of their wallet and of their alerts that are still running,
// sorted, each once.
func (s *Store) WatchedTickers(ctx context.Context, userID int64, now time.Time) ([]string, error) {
	var out []string
	err := s.DB.NewRaw(`SELECT ticker FROM wallet_items WHERE user_id = ?
		UNION SELECT ticker FROM alerts WHERE user_id = ? AND NOT expired AND expires_at > ?
		ORDER BY ticker`, userID, userID, now.UTC()).Scan(ctx, &out)
	return out, err
}

// RecentNotices lists the user's latest alert notices, newest first.
func (s *Store) RecentNotices(ctx context.Context, userID int64, limit int) ([]AlertNotice, error) {
	var out []AlertNotice
	err := s.DB.NewSelect().Model(&out).Where("user_id = ?", userID).
		OrderExpr("created_at DESC, id DESC").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// ActiveRooms lists the rooms with the most recent messages: a post moves
// its room's updated_at (CreateMessage), so rooms nobody wrote in since
// they were made or edited come last.
func (s *Store) ActiveRooms(ctx context.Context, limit int) ([]Room, error) {
	var out []Room
	err := s.selectRooms(&out).Where("EXISTS (SELECT 1 FROM messages AS m WHERE m.room_id = r.id)").
		OrderExpr("r.updated_at DESC, r.id DESC").Limit(int64(limit)).Scan(ctx)
	return out, err
}

// DashboardData is what the home dashboard reads from the database (the
// quotes come from the quotes service).
type DashboardData struct {
	Items   []WalletItem
	Watched []string // WatchedTickers
	Notices []AlertNotice
	Rooms   []Room
}

// LoadDashboard runs the dashboard's four queries at once: on PostgreSQL
// one round trip of waiting instead of four; SQLite's single connection
// queues them.
func (s *Store) LoadDashboard(ctx context.Context, userID int64, now time.Time, notices, rooms int) (*DashboardData, error) {
	d := &DashboardData{}
	var wg sync.WaitGroup
	var errItems, errWatched, errNotices, errRooms error
	wg.Go(func() { d.Items, errItems = s.WalletItems(ctx, userID) })
	wg.Go(func() { d.Watched, errWatched = s.WatchedTickers(ctx, userID, now) })
	wg.Go(func() { d.Notices, errNotices = s.RecentNotices(ctx, userID, notices) })
	wg.Go(func() { d.Rooms, errRooms = s.ActiveRooms(ctx, rooms) })
	wg.Wait()
	if err := errors.Join(errItems, errWatched, errNotices, errRooms); err != nil {
		return nil, err
	}
	return d, nil
}
