package tracker_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// lastSession is a real provider's answer: PETR4 complete, VALE3 without
// previous close, open or 52-week figures, both priced at time at.
type lastSession struct{ at time.Time }

func (p lastSession) Name() string { return "last-session" }

func (p lastSession) Quotes(_ context.Context, tickers []string) (map[string]quotes.Quote, error) {
	d := func(s string) decimal.NullDecimal { return decimal.NewNullDecimal(decimal.RequireFromString(s)) }
	out := map[string]quotes.Quote{}
	for _, t := range tickers {
		switch t {
		case "PETR4":
			out[t] = quotes.Quote{Ticker: t, Price: decimal.RequireFromString("31.65"), PrevClose: d("31.40"), Open: d("31.42"),
				DayLow: d("31.36"), DayHigh: d("31.78"), Low52: d("29.28"), High52: d("40.29"), Volume: 100, Time: p.at}
		case "VALE3":
			out[t] = quotes.Quote{Ticker: t, Price: decimal.RequireFromString("53.35"), Volume: 100, Time: p.at}
		}
	}
	return out, nil
}

func (p lastSession) History(context.Context, string, time.Time, time.Time) ([]quotes.Bar, error) {
	return nil, nil
}

func td(body, id string) string {
	m := regexp.MustCompile(`<td id="` + id + `"[^>]*>(.*?)</td>`).FindStringSubmatch(body)
	if m == nil {
		return "(no cell " + id + ")"
	}
	return strings.TrimSpace(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], ""))
}

// With a real provider, the tracker and the embed say when B3 is closed and
// since when, date the last session's prices, and show missing figures as —.
func TestTrackerAndEmbedSayTheMarketIsClosed(t *testing.T) {
	brt := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, quotes.BRT) }
	for _, tc := range []struct {
		name     string
		now, at  time.Time
		closed   string // "" when open
		ageShown string
	}{
		{"weekday 14:00", brt(25, 14, 0), brt(25, 13, 59), "", "13:59:00"},
		{"weekday 20:00", brt(25, 20, 0), brt(25, 16, 59), "Nov 25, 2026 17:00", "Nov 25, 2026 16:59"},
		{"Saturday", brt(28, 14, 0), brt(27, 16, 59), "Nov 27, 2026 17:00", "Nov 27, 2026 16:59"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := apptest.New(t, dbtest.SQLite(t), nil, server.WithProvider(lastSession{at: tc.at}))
			srv.Env.Now = func() time.Time { return tc.now }
			c := apptest.NewClient(t, srv)
			c.Header.Set("Accept-Language", "en")
			embed := c.Get("/embed/tracker?stockpicker=PETR4&stockpicker=VALE3")
			c.Register("ana")
			page := c.Get("/stocktracker?stockpicker=PETR4&stockpicker=VALE3")
			for name, body := range map[string]string{"embed": embed.Body, "tracker": page.Body} {
				closed := strings.Contains(body, "Market closed")
				promise := strings.Contains(body, "Prices refresh every")
				if tc.closed == "" && (closed || !promise) {
					t.Errorf("%s: open market shown as closed (%v) or without its refresh period (%v)", name, closed, promise)
				}
				if tc.closed != "" && (!closed || promise || !strings.Contains(body, "since "+tc.closed)) {
					t.Errorf("%s: closed market: says closed %v, since %s %v, promises updates %v", name, closed,
						tc.closed, strings.Contains(body, "since "+tc.closed), promise)
				}
				if !strings.Contains(body, ">"+tc.ageShown+"</time>") {
					t.Errorf("%s: PETR4's quote time is not shown as %q", name, tc.ageShown)
				}
				if got := td(body, "PETR4_prevprice"); got != "R$31.40" {
					t.Errorf("%s: PETR4 previous close %q", name, got)
				}
				for _, id := range []string{"VALE3_prevprice", "VALE3_open", "VALE3_change", "VALE3_range"} {
					if got := td(body, id); got != "—" {
						t.Errorf("%s: missing figure %s shown as %q, want —", name, id, got)
					}
				}
			}
		})
	}
}
