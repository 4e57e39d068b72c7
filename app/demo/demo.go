// Package demo fills a database with demo content, so a first visitor sees a
// living product: a demo account with a wallet and alerts, and forum rooms
// where a few investors talk about PETR4, dividends and FIIs. `stonks demo`
// runs it; the server never does on its own.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/accounts"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/db"
)

// The demo login, printed by `stonks demo`. The password passes the sign-up
// rules (Seed checks it with the sign-up form itself).
const (
	Username = "demo"
	Password = "Bolsa-Dividendos-2026"
	Email    = "demo@stonks.example"
)

// ErrRealUsers is returned when the database holds accounts that are not the
// demo's: it looks like a real site, so nothing is written without force.
var ErrRealUsers = errors.New("the database has users other than the demo's; use --force to seed it anyway")

// person is an account of the demo; the first is the one people log in as.
type person struct{ username, email, password string }

var people = []person{
	{Username, Email, Password},
	{"ana.fii", "ana.fii@stonks.example", "Renda-Mensal-Imoveis-77"},
	{"carlos_dividendos", "carlos@stonks.example", "Carteira-Previdencia-58"},
	{"bia.trader", "bia@stonks.example", "Candles-e-Medias-2026"},
}

// Usernames are the demo's accounts.
func Usernames() []string {
	out := make([]string, len(people))
	for i, p := range people {
		out[i] = p.username
	}
	return out
}

// Seed writes the demo content with the app's own Store methods and returns
// the demo login. Running it again adds nothing: each part is looked up first
// (accounts by username, rooms by host and name; the wallet is an upsert).
// Unless force, it refuses a database with other accounts (ErrRealUsers).
func Seed(ctx context.Context, store *db.Store, now time.Time, force bool) error {
	if !force {
		n, err := store.CountUsersExcept(ctx, Usernames())
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrRealUsers
		}
	}
	ids := map[string]int64{}
	for _, p := range people {
		id, err := account(ctx, store, p, now)
		if err != nil {
			return fmt.Errorf("demo account %s: %w", p.username, err)
		}
		ids[p.username] = id
	}
	for _, r := range rooms {
		if err := room(ctx, store, ids, r, now); err != nil {
			return fmt.Errorf("demo room %q: %w", r.name, err)
		}
	}
	me := ids[Username]
	if _, _, err := store.ImportWallet(ctx, me, walletItems(me), now); err != nil {
		return fmt.Errorf("demo wallet: %w", err)
	}
	return seedAlerts(ctx, store, me, now)
}

// account returns the id of p's account, creating it (with its address
// confirmed, so alerts mail it) when missing.
func account(ctx context.Context, store *db.Store, p person, now time.Time) (int64, error) {
	u, err := store.UserByUsername(ctx, p.username)
	if errors.Is(err, db.ErrNotFound) {
		f := accounts.SignUpForm{Username: p.username, Email: p.email, Password1: p.password, Password2: p.password}
		if errs := f.Validate(i18n.En); errs.Any() {
			return 0, fmt.Errorf("the sign-up rules refuse it: %v", errs)
		}
		hash, herr := accounts.HashPassword(p.password)
		if herr != nil {
			return 0, herr
		}
		u = &db.User{Username: f.Username, Email: f.Email, PasswordHash: hash}
		err = store.CreateUser(ctx, u, now)
	}
	if err != nil {
		return 0, err
	}
	return u.ID, store.ConfirmAddress(ctx, u.ID, u.Email, now)
}

// room creates r with its conversation unless its host already has it; the
// messages are dated over the hours before now, oldest first.
func room(ctx context.Context, store *db.Store, ids map[string]int64, r demoRoom, now time.Time) error {
	host := ids[r.host]
	switch _, err := store.RoomByHostAndName(ctx, host, r.name); {
	case err == nil:
		return nil
	case !errors.Is(err, db.ErrNotFound):
		return err
	}
	rm := &db.Room{HostID: host, Name: r.name, Description: r.description}
	if err := store.CreateRoom(ctx, rm, r.topic, now); err != nil {
		return err
	}
	start := now.Add(-time.Duration(len(r.messages)) * 17 * time.Minute)
	for i, m := range r.messages {
		at := start.Add(time.Duration(i) * 17 * time.Minute)
		msg := &db.Message{RoomID: rm.ID, UserID: ids[m.who], Body: m.body}
		if _, err := store.CreateMessage(ctx, msg, func() time.Time { return at }); err != nil {
			return err
		}
	}
	return nil
}

func walletItems(userID int64) []db.WalletItem {
	d := decimal.RequireFromString
	rows := []struct {
		ticker, pm string
		qnt        int64
		nota       string
	}{
		{"PETR4", "31.20", 300, "8"},
		{"ITUB4", "33.85", 200, "7"},
		{"VALE3", "61.40", 100, "6"},
		{"BBAS3", "24.10", 250, "6"},
		{"HGLG11", "158.90", 40, "5"},
		{"KNRI11", "140.25", 35, "4"},
	}
	out := make([]db.WalletItem, len(rows))
	for i, r := range rows {
		out[i] = db.WalletItem{UserID: userID, Ticker: r.ticker, PrecoMedio: d(r.pm), Quantidade: r.qnt, Nota: d(r.nota)}
	}
	return out
}

// seedAlerts adds the demo's alerts on tickers it has none on yet, to its own
// (confirmed) address, due at once.
func seedAlerts(ctx context.Context, store *db.Store, userID int64, now time.Time) error {
	have, err := store.AlertsOf(ctx, userID, "")
	if err != nil {
		return err
	}
	got := map[string]bool{}
	for _, a := range have {
		got[a.Ticker] = true
	}
	price := func(s string) decimal.NullDecimal {
		if s == "" {
			return decimal.NullDecimal{}
		}
		return decimal.NewNullDecimal(decimal.RequireFromString(s))
	}
	for _, a := range []struct{ ticker, buy, sell string }{
		{"PETR4", "29.50", "38.00"},
		{"BBAS3", "21.00", ""},
		{"HGLG11", "", "175.00"},
	} {
		if got[a.ticker] {
			continue
		}
		now := now.UTC()
		al := &db.Alert{UserID: userID, Email: Email, Ticker: a.ticker, BuyPrice: price(a.buy), SellPrice: price(a.sell),
			PeriodMinutes: 30, DurationDays: 30, Lang: i18n.PtBR.Code, CreatedAt: now, NextCheckAt: now, ExpiresAt: now.AddDate(0, 0, 30)}
		if err := store.CreateAlert(ctx, al); err != nil {
			return err
		}
	}
	return nil
}
