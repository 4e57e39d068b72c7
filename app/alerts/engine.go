package alerts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
)

// Zones of an alert. An alert starts in no zone (""), so a price already in
// the buy or sell zone at the first check is a crossing too.
const (
	Buy     = "buy"
	Sell    = "sell"
	Neutral = "neutral"
	Ended   = "ended" // the kind of the "operation ended" notice
)

// Quoter is what the engine needs of the quote service: one batched call.
type Quoter interface {
	Refresh(ctx context.Context, tickers []string) (map[string]quotes.Quote, []quotes.Quote, error)
}

// Engine checks due alerts: one query for the due ones, one batched quote
// call, one transaction for every zone change and its outbox rows.
type Engine struct {
	Store   *db.Store
	Quotes  Quoter
	Streams Streams
	Render  func(name string, data any) (string, error)
	Now     func() time.Time
	Log     *slog.Logger
	// Batch bounds the alerts one cycle handles; the rest wait a cycle.
	Batch int
	// AfterNotices runs when a cycle wrote notices (the sender, so mail
	// goes out now rather than at its own next run).
	AfterNotices func(ctx context.Context) error
}

// Result says what one cycle did.
type Result struct{ Checked, Notices int }

// Run is the job: one cycle, then delivery when it wrote notices, even
// when the cycle also reports a provider error for some of its tickers.
func (e *Engine) Run(ctx context.Context) error {
	res, err := e.Cycle(ctx)
	if res.Notices > 0 && e.AfterNotices != nil {
		err = errors.Join(err, e.AfterNotices(ctx))
	}
	return err
}

// Cycle checks the due alerts once: their tickers, one batched quote call,
// then the decisions and their notices in one transaction. The rule runs in
// SQL on PostgreSQL (db.CheckDueAlerts, so a cycle over 100k alerts does
// not carry them to Go and back) and in Go on SQLite (Decide inside
// db.DecideDueAlerts); both read the alerts after the quote call, in the
// transaction that writes them, and report only the notices they inserted.
// A provider error that came with some prices is returned after those
// prices have been used.
func (e *Engine) Cycle(ctx context.Context) (Result, error) {
	now := e.Now().UTC()
	tickers, err := e.Store.DueTickers(ctx, now)
	if err != nil || len(tickers) == 0 {
		return Result{}, err
	}
	got, _, qerr := e.Quotes.Refresh(ctx, tickers)
	if qerr != nil && len(got) == 0 {
		// No prices at all: leave the alerts due, the next cycle retries.
		return Result{}, fmt.Errorf("alerts: quotes: %w", qerr)
	}
	prices := make(map[string]decimal.Decimal, len(got))
	for t, q := range got {
		if !q.Stale && q.Price.IsPositive() {
			prices[t] = q.Price
		}
	}
	var checked int
	var notices []db.AlertNotice
	if e.Store.IsPostgres() {
		checked, notices, err = e.Store.CheckDueAlerts(ctx, now, e.Batch, prices)
	} else {
		checked, notices, err = e.Store.DecideDueAlerts(ctx, now, e.Batch, func(a db.Alert) (db.AlertCheck, *db.AlertNotice) {
			var q *quotes.Quote
			if p, ok := prices[a.Ticker]; ok {
				q = &quotes.Quote{Ticker: a.Ticker, Price: p}
			}
			return Decide(a, q, now)
		})
	}
	if err != nil {
		return Result{}, err
	}
	e.toast(ctx, notices)
	res := Result{Checked: checked, Notices: len(notices)}
	if qerr != nil {
		return res, fmt.Errorf("alerts: quotes for %d of %d tickers: %w", len(got), len(tickers), qerr)
	}
	return res, nil
}

// Decide is the engine's rule for one alert at now, given its quote (nil:
// none this time). It returns the alert's new state and, when the price has
// just entered the buy or sell zone or the alert has run its course, the
// notice to send.
func Decide(a db.Alert, q *quotes.Quote, now time.Time) (db.AlertCheck, *db.AlertNotice) {
	c := db.AlertCheck{ID: a.ID, Zone: a.Zone, Crossings: a.Crossings, NextCheckAt: a.NextCheckAt, CheckedAt: now}
	if q != nil {
		c.LastPrice = decimal.NewNullDecimal(q.Price)
	}
	if !now.Before(a.ExpiresAt) {
		c.Expired = true
		// Keyed by the expiry too: an alert edited after it ended can end again.
		key := fmt.Sprintf("alert-%d-ended-%d", a.ID, a.ExpiresAt.Unix())
		return c, notice(a, Ended, key, c.LastPrice, decimal.NullDecimal{}, now)
	}
	period := time.Duration(a.PeriodMinutes) * time.Minute
	c.NextCheckAt = a.NextCheckAt.Add(period)
	if !c.NextCheckAt.After(now) { // the engine was down: do not replay missed checks
		c.NextCheckAt = now.Add(period)
	}
	if c.NextCheckAt.After(a.ExpiresAt) { // the end is noticed on time
		c.NextCheckAt = a.ExpiresAt
	}
	if q == nil {
		return c, nil
	}
	c.Zone = ZoneOf(q.Price, a.BuyPrice, a.SellPrice)
	if c.Zone == a.Zone || c.Zone == Neutral {
		return c, nil
	}
	c.Crossings++
	c.Triggered = true
	threshold := a.BuyPrice
	if c.Zone == Sell {
		threshold = a.SellPrice
	}
	key := fmt.Sprintf("alert-%d-%d-%s", a.ID, c.Crossings, c.Zone)
	return c, notice(a, c.Zone, key, c.LastPrice, threshold, now)
}

// ZoneOf places price: at or below buy is the buy zone, at or above sell
// the sell zone, anything else neutral. A blank side never matches.
func ZoneOf(price decimal.Decimal, buy, sell decimal.NullDecimal) string {
	switch {
	case buy.Valid && price.LessThanOrEqual(buy.Decimal):
		return Buy
	case sell.Valid && price.GreaterThanOrEqual(sell.Decimal):
		return Sell
	}
	return Neutral
}

func notice(a db.Alert, kind, key string, price, threshold decimal.NullDecimal, now time.Time) *db.AlertNotice {
	return &db.AlertNotice{IdemKey: key, AlertID: a.ID, UserID: a.UserID, Kind: kind, Email: a.Email,
		Ticker: a.Ticker, Lang: a.Lang, Price: price, Threshold: threshold, CreatedAt: now, NextAttemptAt: now}
}

// toast publishes each notice to its user's stream, rendered in the
// alert's language. Live notices are best effort: the e-mail is the record.
func (e *Engine) toast(ctx context.Context, notices []db.AlertNotice) {
	if e.Streams == nil {
		return
	}
	for _, n := range notices {
		l := i18n.Get(n.Lang)
		if l == nil {
			l = i18n.PtBR
		}
		// The toast also updates the navbar's count, out of band.
		unread, err := e.Store.UnreadNotices(ctx, n.UserID)
		if err != nil {
			e.Log.Warn("alert toast", slog.Int64("alert", n.AlertID), slog.Any("err", err))
			continue
		}
		html, err := e.Render("partials/toast", toastData{L: l, N: n, Text: Describe(l, n), Unread: unread})
		if err == nil {
			err = e.Streams.Publish(ctx, live.Event{Stream: live.User(n.UserID), Name: "notice", Data: html})
		}
		if err != nil {
			e.Log.Warn("alert toast", slog.Int64("alert", n.AlertID), slog.Any("err", err))
		}
	}
}

type toastData struct {
	L      *i18n.Locale
	N      db.AlertNotice
	Text   string
	Unread int // the user's unread notices, this one included
}

// Describe says in one line what a notice is about, for the toast and the mail subject.
func Describe(l *i18n.Locale, n db.AlertNotice) string {
	switch n.Kind {
	case Buy:
		return l.T("%s is at %s, at or below your buy price of %s.", n.Ticker, l.Money(n.Price.Decimal), l.Money(n.Threshold.Decimal))
	case Sell:
		return l.T("%s is at %s, at or above your sell price of %s.", n.Ticker, l.Money(n.Price.Decimal), l.Money(n.Threshold.Decimal))
	}
	return l.T("Your alert for %s has ended.", n.Ticker)
}
