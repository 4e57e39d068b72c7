package db

import (
	"context"
	"database/sql"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// CheckDueAlerts is the alert engine's cycle on PostgreSQL, in one
// statement: the due alerts are decided against prices (ticker → price;
// a ticker without one keeps its zone) inside the database, updated, and
// their notices inserted into the outbox, so 100k alerts never travel to
// the application and back. The rule is the same as alerts.Decide, which
// DecideDueAlerts runs in Go on SQLite; the engine's tests run both through
// the same decision table (TestEngineDecisionTable). It returns how many
// alerts were checked and the notices actually inserted (a repeated run
// inserts none).
func (s *Store) CheckDueAlerts(ctx context.Context, now time.Time, limit int, prices map[string]decimal.Decimal) (int, []AlertNotice, error) {
	tickers, values := make([]string, 0, len(prices)), make([]string, 0, len(prices))
	for t, p := range prices {
		tickers, values = append(tickers, t), append(values, p.String())
	}
	var rows []struct {
		Checked   int64               `bun:"checked"`
		IdemKey   sql.NullString      `bun:"idem_key"`
		AlertID   sql.NullInt64       `bun:"alert_id"`
		UserID    sql.NullInt64       `bun:"user_id"`
		Kind      sql.NullString      `bun:"kind"`
		Email     sql.NullString      `bun:"email"`
		Ticker    sql.NullString      `bun:"ticker"`
		Lang      sql.NullString      `bun:"lang"`
		Price     decimal.NullDecimal `bun:"price"`
		Threshold decimal.NullDecimal `bun:"threshold"`
	}
	now = now.UTC()
	err := s.DB.NewRaw(checkDueSQL, now, limit, pgdialect.Array(tickers), pgdialect.Array(values)).Scan(ctx, &rows)
	if err != nil || len(rows) == 0 {
		return 0, nil, err
	}
	var notices []AlertNotice
	for _, r := range rows {
		if r.IdemKey.Valid {
			notices = append(notices, AlertNotice{IdemKey: r.IdemKey.String, AlertID: r.AlertID.Int64, UserID: r.UserID.Int64,
				Kind: r.Kind.String, Email: r.Email.String, Ticker: r.Ticker.String, Lang: r.Lang.String,
				Price: r.Price, Threshold: r.Threshold, CreatedAt: now, NextAttemptAt: now})
		}
	}
	return int(rows[0].Checked), notices, nil
}

// checkDueSQL: ?0 now, ?1 limit, ?2 tickers, ?3 prices (as text).
// FOR UPDATE in d: under READ COMMITTED a row edited while the statement
// runs is then re-read as committed (and re-checked for being due), so it
// is decided on the edit rather than on the statement's older snapshot.
const checkDueSQL = `
WITH p AS (
	SELECT * FROM unnest(?2::text[], ?3::numeric[]) AS p(ticker, price)
), d AS (
	SELECT a.id, a.zone, a.crossings, a.expires_at, a.next_check_at, a.period_minutes, a.buy_price, a.sell_price,
		p.price, ?0::timestamptz >= a.expires_at AS ended
	FROM alerts a LEFT JOIN p ON p.ticker = a.ticker
	WHERE NOT a.expired AND a.next_check_at <= ?0::timestamptz
	ORDER BY a.next_check_at LIMIT ?1
	FOR UPDATE OF a
), z AS (
	SELECT d.*, CASE
		WHEN d.ended OR d.price IS NULL THEN d.zone
		WHEN d.buy_price IS NOT NULL AND d.price <= d.buy_price THEN 'buy'
		WHEN d.sell_price IS NOT NULL AND d.price >= d.sell_price THEN 'sell'
		ELSE 'neutral' END AS nz,
		make_interval(mins => d.period_minutes) AS period
	FROM d
), c AS (
	SELECT z.*,
		(NOT z.ended AND z.price IS NOT NULL AND z.nz <> z.zone AND z.nz <> 'neutral') AS crossed,
		CASE WHEN z.ended THEN z.next_check_at
			ELSE LEAST(z.expires_at, CASE WHEN z.next_check_at + z.period > ?0::timestamptz THEN z.next_check_at + z.period
				ELSE ?0::timestamptz + z.period END) END AS next_at
	FROM z
), upd AS (
	UPDATE alerts a SET zone = c.nz, crossings = c.crossings + CASE WHEN c.crossed THEN 1 ELSE 0 END,
		expired = c.ended, next_check_at = c.next_at, last_price = COALESCE(c.price, a.last_price),
		last_checked_at = ?0::timestamptz,
		last_triggered_at = CASE WHEN c.crossed THEN ?0::timestamptz ELSE a.last_triggered_at END
	FROM c WHERE a.id = c.id
	RETURNING a.id, a.user_id, a.email, a.ticker, a.lang, a.crossings, a.zone, a.expires_at,
		c.ended, c.crossed, c.price, c.buy_price, c.sell_price
), ins AS (
	INSERT INTO alert_notices (idem_key, alert_id, user_id, kind, email, ticker, lang, price, threshold, created_at, attempts, next_attempt_at)
	SELECT CASE WHEN ended THEN 'alert-' || id || '-ended-' || floor(extract(epoch FROM expires_at))::bigint
			ELSE 'alert-' || id || '-' || crossings || '-' || zone END,
		id, user_id, CASE WHEN ended THEN 'ended' ELSE zone END, email, ticker, lang, price,
		CASE WHEN ended THEN NULL WHEN zone = 'buy' THEN buy_price ELSE sell_price END,
		?0::timestamptz, 0, ?0::timestamptz
	FROM upd WHERE ended OR crossed
	ON CONFLICT (idem_key) DO NOTHING
	RETURNING idem_key, alert_id, user_id, kind, email, ticker, lang, price, threshold
)
SELECT (SELECT count(*) FROM upd) AS checked, ins.*
FROM (SELECT 1) AS one LEFT JOIN ins ON true`
