package quotes_test

import (
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/quotes"
)

func TestSession(t *testing.T) {
	at := func(y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, quotes.BRT)
	}
	b3, _ := quotes.New("yahoo", quotes.Options{})
	simB3, _ := quotes.New("sim", quotes.Options{Clock: time.Now})
	demo, _ := quotes.New("sim", quotes.Options{Clock: time.Now, SimAlways: true})
	for _, tc := range []struct {
		name  string
		p     quotes.Provider
		now   time.Time
		open  bool
		since time.Time
	}{
		{"weekday 14:00", b3, at(2026, 11, 25, 14, 0), true, at(2026, 11, 25, 10, 0)},
		{"weekday 20:00", b3, at(2026, 11, 25, 20, 0), false, at(2026, 11, 25, 17, 0)},
		{"weekday 09:59", b3, at(2026, 11, 25, 9, 59), false, at(2026, 11, 24, 17, 0)},
		{"weekday 17:00", b3, at(2026, 11, 25, 17, 0), false, at(2026, 11, 25, 17, 0)},
		{"Saturday", b3, at(2026, 11, 28, 14, 0), false, at(2026, 11, 27, 17, 0)},
		{"Monday 09:00", b3, at(2026, 11, 30, 9, 0), false, at(2026, 11, 27, 17, 0)},
		{"a holiday (Consciência Negra, Friday)", b3, at(2026, 11, 20, 14, 0), false, at(2026, 11, 19, 17, 0)},
		{"after Carnival", b3, at(2026, 2, 18, 9, 0), false, at(2026, 2, 13, 17, 0)},
		{"sim in b3 mode, Saturday", simB3, at(2026, 11, 28, 14, 0), false, at(2026, 11, 27, 17, 0)},
		{"sim in b3 mode, weekday 14:00", simB3, at(2026, 11, 25, 14, 0), true, at(2026, 11, 25, 10, 0)},
		{"demo sim, Saturday night", demo, at(2026, 11, 28, 23, 0), true, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			open, since := quotes.NewService(tc.p, nil).Session(tc.now)
			if open != tc.open || !since.Equal(tc.since) {
				t.Errorf("Session(%s) = %v since %s, want %v since %s", tc.now, open, since, tc.open, tc.since)
			}
		})
	}
}
