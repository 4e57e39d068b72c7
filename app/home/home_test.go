package home_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// now is a Wednesday afternoon in São Paulo, the market open.
var now = time.Date(2026, 11, 25, 14, 0, 0, 0, quotes.BRT)

// fixed answers known prices and previous closes, timed at now.
type fixed map[string][2]string

func (fixed) Name() string { return "fixed" }

func (f fixed) Quotes(_ context.Context, tickers []string) (map[string]quotes.Quote, error) {
	out := map[string]quotes.Quote{}
	for _, t := range tickers {
		if p, ok := f[t]; ok {
			out[t] = quotes.Quote{Ticker: t, Price: decimal.RequireFromString(p[0]),
				PrevClose: decimal.NewNullDecimal(decimal.RequireFromString(p[1])), Time: now}
		}
	}
	return out, nil
}

func (fixed) History(context.Context, string, time.Time, time.Time) ([]quotes.Bar, error) {
	return nil, nil
}

var prices = fixed{"PETR4": {"30.15", "29.90"}, "VALE3": {"61.27", "62.00"}, "ITUB4": {"35.10", "35.00"}}

func eachServer(t *testing.T, fn func(t *testing.T, srv *server.Server)) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		srv := apptest.New(t, store, nil, server.WithProvider(prices))
		srv.Env.Now = func() time.Time { return now }
		fn(t, srv)
	})
}

func cell(body, id string) string {
	m := regexp.MustCompile(`id="` + id + `"[^>]*>([^<]*)<`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

// A visitor without a session gets the marketing page.
func TestHomeForVisitors(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "en")
		r := c.Get("/")
		if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `href="/register/"`) || !strings.Contains(r.Body, `id="about"`) {
			t.Fatalf("visitor's home: %d, no marketing page", r.StatusCode)
		}
		if strings.Contains(r.Body, `id="dash-wallet"`) {
			t.Fatal("a visitor sees a dashboard")
		}
	})
}

// A logged-in user's home is their dashboard: the wallet's total and day
// change, exact to the cent, the tickers of their wallet and running
// alerts, their latest notices and the rooms with the latest messages.
func TestHomeIsTheDashboard(t *testing.T) {
	eachServer(t, func(t *testing.T, srv *server.Server) {
		t.Parallel()
		ctx := context.Background()
		store := srv.Env.Store
		c := apptest.NewClient(t, srv)
		c.Header.Set("Accept-Language", "pt-BR")
		c.Register("ana")
		ana, _ := store.UserByUsername(ctx, "ana")
		for _, it := range []db.WalletItem{
			{UserID: ana.ID, Ticker: "PETR4", PrecoMedio: decimal.RequireFromString("25"), Quantidade: 100, Nota: decimal.NewFromInt(1)},
			{UserID: ana.ID, Ticker: "VALE3", PrecoMedio: decimal.RequireFromString("60"), Quantidade: 33, Nota: decimal.NewFromInt(1)},
		} {
			if err := store.CreateWalletItem(ctx, &it, time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		alert := &db.Alert{UserID: ana.ID, Email: "ana@example.com", Ticker: "ITUB4", BuyPrice: decimal.NewNullDecimal(decimal.NewFromInt(30)),
			PeriodMinutes: 5, DurationDays: 7, Lang: "pt-BR", Zone: "none", CreatedAt: now, ExpiresAt: now.Add(7 * 24 * time.Hour), NextCheckAt: now}
		if err := store.CreateAlert(ctx, alert); err != nil {
			t.Fatal(err)
		}
		gone := &db.Alert{UserID: ana.ID, Email: "ana@example.com", Ticker: "BBAS3", BuyPrice: decimal.NewNullDecimal(decimal.NewFromInt(30)),
			PeriodMinutes: 5, DurationDays: 1, Lang: "pt-BR", Zone: "none", CreatedAt: now.Add(-48 * time.Hour), ExpiresAt: now.Add(-24 * time.Hour), NextCheckAt: now}
		if err := store.CreateAlert(ctx, gone); err != nil {
			t.Fatal(err)
		}
		notice := &db.AlertNotice{IdemKey: "k1", AlertID: alert.ID, UserID: ana.ID, Kind: "buy", Email: "ana@example.com", Ticker: "ITUB4",
			Lang: "pt-BR", Price: decimal.NewNullDecimal(decimal.RequireFromString("29.5")), Threshold: decimal.NewNullDecimal(decimal.NewFromInt(30)),
			CreatedAt: now.Add(-time.Hour), NextAttemptAt: now}
		if _, err := store.DB.NewInsert().Model(notice).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		quiet := &db.Room{HostID: ana.ID, Name: "Sala quieta"}
		busy := &db.Room{HostID: ana.ID, Name: "Sala movimentada"}
		for _, r := range []*db.Room{quiet, busy} {
			if err := store.CreateRoom(ctx, r, "ações", time.Now()); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := store.CreateMessage(ctx, &db.Message{RoomID: busy.ID, UserID: ana.ID, Body: "oi"}, time.Now); err != nil {
			t.Fatal(err)
		}

		r := c.Get("/")
		if r.StatusCode != http.StatusOK || !strings.Contains(r.Body, `id="dash-wallet"`) {
			t.Fatalf("logged-in home: %d, no dashboard", r.StatusCode)
		}
		// 100 × 30,15 + 33 × 61,27 = 3.015,00 + 2.021,91
		if got := cell(r.Body, "patrimonio"); got != "R$ 5.036,91" {
			t.Errorf("wallet total %q, want R$ 5.036,91", got)
		}
		// 100 × 0,25 − 33 × 0,73 = 0,91 against 5.036,00 at the previous close
		if got := cell(r.Body, "day-change"); got != "Hoje: R$ 0,91 (0,02%)" {
			t.Errorf("day change %q, want Hoje: R$ 0,91 (0,02%%)", got)
		}
		c.Header.Set("Accept-Language", "en")
		if en := c.Get("/"); cell(en.Body, "patrimonio") != "R$5,036.91" || cell(en.Body, "day-change") != "Today: R$0.91 (0.02%)" {
			t.Errorf("in English: total %q, day %q", cell(en.Body, "patrimonio"), cell(en.Body, "day-change"))
		}
		for _, want := range []string{`id="ITUB4_watched"`, `id="PETR4_watched"`, `id="VALE3_watched"`} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("watched ticker %s missing", want)
			}
		}
		if strings.Contains(r.Body, `id="BBAS3_watched"`) {
			t.Error("the ticker of an expired alert is watched")
		}
		if !strings.Contains(r.Body, "ITUB4 está a R$ 29,50") {
			t.Error("the recent notice is not shown")
		}
		if !strings.Contains(r.Body, `href="/room/`+itoa(busy.ID)+`/">Sala movimentada`) || strings.Contains(r.Body, "Sala quieta") {
			t.Error("active rooms: want the room with a message, not the silent one")
		}
	})
}

func itoa(n int64) string { return decimal.NewFromInt(n).String() }
