package alerts

import (
	"time"

	"github.com/stonks-b3/stonks/db"
)

// Row is one alert as partials/alert_list shows it.
type Row struct {
	db.AlertRow
	Active                     bool
	LastChecked, LastTriggered time.Time // zero: never
}

// Rows prepares the list for the page and the profile.
func Rows(rows []db.AlertRow, now time.Time) []Row {
	out := make([]Row, len(rows))
	for i, r := range rows {
		out[i] = Row{AlertRow: r, Active: Status(r.Alert, now) == "active"}
		if r.LastCheckedAt != nil {
			out[i].LastChecked = *r.LastCheckedAt
		}
		if r.LastTriggeredAt != nil {
			out[i].LastTriggered = *r.LastTriggeredAt
		}
	}
	return out
}
