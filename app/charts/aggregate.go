package charts

import (
	"time"

	"github.com/stonks-b3/stonks/app/quotes"
)

// Period is the span one candle covers.
type Period int

const (
	Daily Period = iota
	Weekly
	Monthly
)

// Start returns the first day of the period holding t, at midnight in t's
// zone: t's own day, the Monday of its week, or the 1st of its month.
func (p Period) Start(t time.Time) time.Time {
	y, m, d := t.Date()
	switch p {
	case Weekly:
		back := (int(t.Weekday()) + 6) % 7 // days since Monday
		return time.Date(y, m, d-back, 0, 0, 0, 0, t.Location())
	case Monthly:
		return time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
	default:
		return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	}
}

// Aggregate merges daily bars (oldest first) into one bar per period: the
// first bar's open, the highest high, the lowest low, the last bar's close
// and the summed volume, dated at the period's start. Daily returns bars
// unchanged.
func Aggregate(bars []quotes.Bar, p Period) []quotes.Bar {
	if p == Daily || len(bars) == 0 {
		return bars
	}
	var out []quotes.Bar
	for _, b := range bars {
		start := p.Start(b.Day)
		if n := len(out); n > 0 && out[n-1].Day.Equal(start) {
			cur := &out[n-1]
			if b.High.GreaterThan(cur.High) {
				cur.High = b.High
			}
			if b.Low.LessThan(cur.Low) {
				cur.Low = b.Low
			}
			cur.Close = b.Close
			cur.Volume += b.Volume
			continue
		}
		b.Day = start
		out = append(out, b)
	}
	return out
}
