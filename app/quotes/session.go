package quotes

import "time"

// The market-hours rule, in one place: B3's cash market trades 10:00–17:00
// BRT on business days. Pages use it to say the market is closed and since
// when, instead of promising updates that will not come.

// b3Holidays are the weekdays B3 does not trade (its published calendars).
var b3Holidays = map[string]bool{
	// 2026
	"2026-01-01": true, "2026-02-16": true, "2026-02-17": true, "2026-04-03": true, "2026-04-21": true,
	"2026-05-01": true, "2026-06-04": true, "2026-09-07": true, "2026-10-12": true, "2026-11-02": true,
	"2026-11-20": true, "2026-12-24": true, "2026-12-25": true, "2026-12-31": true,
	// 2027
	"2027-01-01": true, "2027-02-08": true, "2027-02-09": true, "2027-03-26": true, "2027-04-21": true,
	"2027-05-27": true, "2027-09-07": true, "2027-10-12": true, "2027-11-02": true, "2027-11-15": true,
	"2027-12-24": true, "2027-12-31": true,
}

// BusinessDay tells whether B3 trades on t's date (BRT).
func BusinessDay(t time.Time) bool {
	t = t.In(BRT)
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return !b3Holidays[t.Format(time.DateOnly)]
}

// B3Session tells whether B3 is open at now and since when: today's opening
// when open, the last session's close when closed.
func B3Session(now time.Time) (open bool, since time.Time) {
	d := day(now)
	if BusinessDay(d) {
		opens, closes := d.Add(sessionOpen), d.Add(sessionClose)
		switch {
		case !now.Before(opens) && now.Before(closes):
			return true, opens
		case !now.Before(closes):
			return false, closes
		}
	}
	for i := 0; i < 30; i++ { // B3 never closes for a month
		d = day(d.Add(-12 * time.Hour))
		if BusinessDay(d) {
			break
		}
	}
	return false, d.Add(sessionClose)
}

// alwaysOpen is implemented by providers that trade around the clock (the
// simulator in its demo mode).
type alwaysOpen interface{ AlwaysOpen() bool }

// AlwaysOpen: the sim with SIM_SESSION=always trades every day, all day.
func (s *sim) AlwaysOpen() bool { return s.cal == 7 }

// Session is the market's state for this service's provider: always open
// for the demo simulator, B3's hours for the others (and the sim in b3 mode).
func (s *Service) Session(now time.Time) (open bool, since time.Time) {
	if a, ok := As[alwaysOpen](s.Provider); ok && a.AlwaysOpen() {
		return true, time.Time{}
	}
	return B3Session(now)
}

// Market is the session state pages show (partials/market).
type Market struct {
	Open  bool
	Since time.Time // the session's opening when open, the last close when closed
}

// Market is Session for templates.
func (s *Service) Market(now time.Time) Market {
	open, since := s.Session(now)
	return Market{Open: open, Since: since}
}
