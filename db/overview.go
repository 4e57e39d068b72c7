package db

import (
	"context"
	"time"
)

// DayCounts is how many of each thing were created on one day (UTC).
type DayCounts struct {
	Day                                     time.Time
	Users, Rooms, Messages, Alerts, Notices int
}

// Totals are the counts of everything, for the staff overview.
type Totals struct {
	Users, Suspended, Rooms, Messages, Alerts, Reports int
}

// Overview counts users, rooms, messages, alerts and alert notices per
// day over the days before now (today included), newest first. The times
// are read and grouped in Go: the same on SQLite and PostgreSQL, whose date
// functions differ, and bounded by the window.
func (s *Store) Overview(ctx context.Context, days int, now time.Time) ([]DayCounts, Totals, error) {
	today := now.UTC().Truncate(24 * time.Hour)
	since := today.AddDate(0, 0, -(days - 1))
	out := make([]DayCounts, days)
	for i := range out {
		out[i].Day = today.AddDate(0, 0, -i)
	}
	for _, t := range []struct {
		table string
		field func(*DayCounts) *int
	}{
		{"users", func(d *DayCounts) *int { return &d.Users }},
		{"rooms", func(d *DayCounts) *int { return &d.Rooms }},
		{"messages", func(d *DayCounts) *int { return &d.Messages }},
		{"alerts", func(d *DayCounts) *int { return &d.Alerts }},
		{"alert_notices", func(d *DayCounts) *int { return &d.Notices }},
	} {
		var times []time.Time
		if err := s.DB.NewSelect().Table(t.table).Column("created_at").Where("created_at >= ?", since).Scan(ctx, &times); err != nil {
			return nil, Totals{}, err
		}
		for _, at := range times {
			i := int(today.Sub(at.UTC().Truncate(24*time.Hour)) / (24 * time.Hour))
			if i >= 0 && i < days {
				*t.field(&out[i])++
			}
		}
	}
	var tot Totals
	for _, c := range []struct {
		table, where string
		n            *int
	}{
		{"users", "", &tot.Users}, {"users", "suspended_at IS NOT NULL", &tot.Suspended},
		{"rooms", "", &tot.Rooms}, {"messages", "", &tot.Messages}, {"alerts", "", &tot.Alerts},
		{"message_reports", "", &tot.Reports},
	} {
		q := s.DB.NewSelect().Table(c.table)
		if c.where != "" {
			q = q.Where(c.where)
		}
		n, err := q.Count(ctx)
		if err != nil {
			return nil, Totals{}, err
		}
		*c.n = int(n)
	}
	return out, tot, nil
}
