package staff_test

import (
	"strings"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/server"
)

func TestOverviewCountsPerDayAndShowsTheInstance(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *server.Server) {
		w := newWorld(t, srv) // today: 2 users, 3 rooms, 2 messages
		r := w.boss.Get("/staff/")
		want := `<tr id="day-2026-11-28">`
		i := strings.Index(r.Body, want)
		if r.StatusCode != 200 || i < 0 {
			t.Fatalf("overview: %d, no row for today\n%s", r.StatusCode, r.Body)
		}
		row := r.Body[i : i+strings.Index(r.Body[i:], "</tr>")]
		if !strings.Contains(row, "<td>2</td><td>3</td><td>2</td><td>0</td><td>0</td>") {
			t.Errorf("today's counts: %s", row)
		}
		if !strings.Contains(r.Body, `<tr id="day-2026-11-15">`) || strings.Contains(r.Body, `<tr id="day-2026-11-14">`) {
			t.Error("the overview does not cover exactly 14 days")
		}
		for _, id := range []string{`id="open-streams">0<`, `id="provider">sim<`, `id="leader">`, `id="provider-breaker">`} {
			if !strings.Contains(r.Body, id) {
				t.Errorf("overview lacks %s", id)
			}
		}
	})
}
