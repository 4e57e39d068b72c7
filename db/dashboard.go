package db

import (
	"context"
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
