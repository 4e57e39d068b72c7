package db

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/uptrace/bun"
)

// Alert is a user's price alert: notify when Ticker's price enters the buy
// zone (at or below BuyPrice) or the sell zone (at or above SellPrice).
type Alert struct {
	bun.BaseModel   `bun:"table:alerts,alias:a"`
	ID              int64               `bun:"id,pk,autoincrement"`
	UserID          int64               `bun:"user_id,notnull"`
	Email           string              `bun:"email,notnull"`
	Ticker          string              `bun:"ticker,notnull"`
	BuyPrice        decimal.NullDecimal `bun:"buy_price"`
	SellPrice       decimal.NullDecimal `bun:"sell_price"`
	PeriodMinutes   int                 `bun:"period_minutes,notnull"`
	DurationDays    int                 `bun:"duration_days,notnull"`
	Lang            string              `bun:"lang,notnull"`
	Zone            string              `bun:"zone,notnull"`
	Crossings       int                 `bun:"crossings,notnull"`
	Expired         bool                `bun:"expired,notnull"`
	CreatedAt       time.Time           `bun:"created_at,notnull"`
	ExpiresAt       time.Time           `bun:"expires_at,notnull"`
	NextCheckAt     time.Time           `bun:"next_check_at,notnull"`
	LastPrice       decimal.NullDecimal `bun:"last_price"`
	LastCheckedAt   *time.Time          `bun:"last_checked_at"`
	LastTriggeredAt *time.Time          `bun:"last_triggered_at"`
}

// AlertRow is an alert as the list shows it, with its asset's market.
type AlertRow struct {
	Alert  `bun:",extend"`
	Market string `bun:"market"`
	// EmailConfirmed is false while the alert's mail waits for its address.
	EmailConfirmed bool `bun:"email_confirmed"`
}

// AlertNotice is one row of the outbox: a notice to mail, written in the
// same transaction as the alert change that caused it.
type AlertNotice struct {
	bun.BaseModel `bun:"table:alert_notices,alias:n"`
	ID            int64               `bun:"id,pk,autoincrement"`
	IdemKey       string              `bun:"idem_key,notnull"`
	AlertID       int64               `bun:"alert_id,notnull"`
	UserID        int64               `bun:"user_id,notnull"`
	Kind          string              `bun:"kind,notnull"` // buy, sell, ended
	Email         string              `bun:"email,notnull"`
	Ticker        string              `bun:"ticker,notnull"`
	Lang          string              `bun:"lang,notnull"`
	Price         decimal.NullDecimal `bun:"price"`
	Threshold     decimal.NullDecimal `bun:"threshold"`
	CreatedAt     time.Time           `bun:"created_at,notnull"`
	Attempts      int                 `bun:"attempts,notnull"`
	NextAttemptAt time.Time           `bun:"next_attempt_at,notnull"`
	SentAt        *time.Time          `bun:"sent_at"`
	LastError     string              `bun:"last_error,notnull"`
	ReadAt        *time.Time          `bun:"read_at"` // seen on the notifications page; nil: unread
}

// AlertCheck is the engine's decision for one alert (SQLite path), applied in bulk.
type AlertCheck struct {
	ID          int64
	Zone        string
	Crossings   int
	Expired     bool
	NextCheckAt time.Time
	LastPrice   decimal.NullDecimal // invalid: keep the old one (no quote this time)
	CheckedAt   time.Time
	Triggered   bool // set last_triggered_at to CheckedAt
}

// MaxAlertsPerUser caps a user's alerts, so one account cannot turn the
// engine and the mailer into a spam cannon.
const MaxAlertsPerUser = 100

// ErrTooManyAlerts is returned by CreateAlert when the user has MaxAlertsPerUser.
var ErrTooManyAlerts = errors.New("too many alerts")

// CreateAlert inserts a and sets its ID; ErrTooManyAlerts when the user has
// MaxAlertsPerUser already. The count and the insert share a transaction
// that holds the user's row lock (PostgreSQL; SQLite's BEGIN IMMEDIATE
// serialises writers), so parallel creates cannot pass the cap together.
func (s *Store) CreateAlert(ctx context.Context, a *Alert) error {
	utcAlert(a)
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if s.IsPostgres() {
			if _, err := tx.ExecContext(ctx, "SELECT id FROM users WHERE id = ? FOR UPDATE", a.UserID); err != nil {
				return err
			}
		}
		n, err := tx.NewSelect().Model((*Alert)(nil)).Where("user_id = ?", a.UserID).Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaxAlertsPerUser {
			return ErrTooManyAlerts
		}
		_, err = tx.NewInsert().Model(a).Returning("id").Exec(ctx)
		return err
	})
}

// UpdateAlert saves what the form edits and the re-armed state, only when
// the alert belongs to a.UserID; ErrNotFound otherwise.
func (s *Store) UpdateAlert(ctx context.Context, a *Alert) error {
	utcAlert(a)
	res, err := s.DB.NewUpdate().Model(a).
		Column("email", "ticker", "buy_price", "sell_price", "period_minutes", "duration_days",
			"zone", "expired", "expires_at", "next_check_at").
		Where("id = ? AND user_id = ?", a.ID, a.UserID).Exec(ctx)
	return oneRow(res, err)
}

// DeleteAlert deletes a user's alert (and its pending notices); ErrNotFound
// when there is no such alert of that user.
func (s *Store) DeleteAlert(ctx context.Context, userID, id int64) error {
	return s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, err := tx.NewDelete().Model((*Alert)(nil)).Where("id = ? AND user_id = ?", id, userID).Exec(ctx)
		if err := oneRow(res, err); err != nil {
			return err
		}
		_, err = tx.NewDelete().Model((*AlertNotice)(nil)).Where("alert_id = ? AND sent_at IS NULL", id).Exec(ctx)
		return err
	})
}

// AlertOf returns the alert id when it belongs to userID, else ErrNotFound.
func (s *Store) AlertOf(ctx context.Context, userID, id int64) (*Alert, error) {
	a := new(Alert)
	err := s.DB.NewSelect().Model(a).Where("id = ? AND user_id = ?", id, userID).Scan(ctx)
	return a, notFound(err)
}

// AlertsOf lists a user's alerts, newest first, filtered by q over the
// ticker and the market (IBOV, IFIX); an empty q lists all.
func (s *Store) AlertsOf(ctx context.Context, userID int64, q string) ([]AlertRow, error) {
	var out []AlertRow
	sel := s.DB.NewSelect().Model(&out).
		ColumnExpr("a.*").ColumnExpr("COALESCE(assets.market, '') AS market").
		ColumnExpr("EXISTS (SELECT 1 FROM email_addresses e WHERE e.user_id = a.user_id AND e.email = a.email AND e.confirmed_at IS NOT NULL) AS email_confirmed").
		Join("LEFT JOIN assets ON assets.ticker = a.ticker").
		Where("a.user_id = ?", userID).Order("a.id DESC")
	if q = strings.TrimSpace(q); !searchable(q) {
		sel.Where(noMatch)
	} else if q != "" {
		like := "%" + escapeLike(strings.ToUpper(q)) + "%"
		sel.WhereGroup(" AND ", func(w *bun.SelectQuery) *bun.SelectQuery {
			return w.Where("a.ticker LIKE ? ESCAPE '\\'", like).WhereOr("assets.market LIKE ? ESCAPE '\\'", like)
		})
	}
	return out, sel.Scan(ctx)
}

// DueTickers lists the tickers of the alerts due at now, for the engine's
// one batched quote call before it decides them.
func (s *Store) DueTickers(ctx context.Context, now time.Time) ([]string, error) {
	var out []string
	err := s.DB.NewSelect().Model((*Alert)(nil)).ColumnExpr("DISTINCT ticker").
		Where("NOT expired AND next_check_at <= ?", now.UTC()).Scan(ctx, &out)
	return out, err
}

// Decider is the engine's rule for one due alert (alerts.Decide with the
// cycle's prices): its new state and the notice to write, if any.
type Decider func(Alert) (AlertCheck, *AlertNotice)

// bulkChunk bounds the rows per statement: big enough to be set-based,
// small enough to keep each statement's text a few MB at most.
const bulkChunk = 5000

// DecideDueAlerts is the alert engine's cycle on SQLite, as CheckDueAlerts
// is on PostgreSQL: in ONE transaction it reads up to limit due alerts,
// decides each with decide, writes their new state and inserts the notices
// into the outbox. Deciding on rows read in the writing transaction (SQLite
// takes the write lock at BEGIN) means an alert edited or deleted while the
// quotes were fetched is decided as it is now, never overwritten with a
// decision on its old thresholds. Notices whose idem_key exists already are
// skipped, so a repeated decision writes nothing twice. It returns how many
// alerts were checked and the notices actually inserted.
func (s *Store) DecideDueAlerts(ctx context.Context, now time.Time, limit int, decide Decider) (int, []AlertNotice, error) {
	var checked int
	var inserted []AlertNotice
	err := s.DB.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		checked, inserted = 0, nil
		var due []Alert
		if err := tx.NewSelect().Model(&due).
			Column("id", "user_id", "email", "ticker", "buy_price", "sell_price", "period_minutes", "lang",
				"zone", "crossings", "expires_at", "next_check_at").
			Where("NOT expired AND next_check_at <= ?", now.UTC()).
			Order("next_check_at").Limit(int64(limit)).Scan(ctx); err != nil {
			return err
		}
		checks := make([]AlertCheck, 0, len(due))
		var notices []AlertNotice
		for _, a := range due {
			c, n := decide(a)
			checks = append(checks, c)
			if n != nil {
				utcNotice(n)
				notices = append(notices, *n)
			}
		}
		for start := 0; start < len(checks); start += bulkChunk {
			if _, err := sqliteChecks(tx, checks[start:min(start+bulkChunk, len(checks))]).Exec(ctx); err != nil {
				return err
			}
		}
		for start := 0; start < len(notices); start += bulkChunk {
			part := notices[start:min(start+bulkChunk, len(notices))]
			var rows []AlertNotice
			if err := tx.NewInsert().Model(&part).On("CONFLICT (idem_key) DO NOTHING").
				Returning("*").Scan(ctx, &rows); err != nil {
				return err
			}
			inserted = append(inserted, rows...)
		}
		checked = len(checks)
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	slices.SortFunc(inserted, func(a, b AlertNotice) int { return cmp.Compare(a.ID, b.ID) })
	return checked, inserted, nil
}

// The columns an engine check writes.
const checkSet = `zone = v.zone, crossings = v.crossings, expired = v.expired, next_check_at = v.next_check_at,
	last_price = COALESCE(v.last_price, alerts.last_price), last_checked_at = v.checked_at,
	last_triggered_at = CASE WHEN v.triggered THEN v.checked_at ELSE alerts.last_triggered_at END`

func sqliteChecks(tx bun.Tx, part []AlertCheck) *bun.RawQuery {
	var b strings.Builder
	args := make([]any, 0, len(part)*8)
	b.WriteString("WITH v(id, zone, crossings, expired, next_check_at, last_price, checked_at, triggered) AS (VALUES ")
	for i, c := range part {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?)")
		args = append(args, c.ID, c.Zone, c.Crossings, c.Expired, c.NextCheckAt.UTC(), c.LastPrice, c.CheckedAt.UTC(), c.Triggered)
	}
	b.WriteString(") UPDATE alerts SET " + checkSet + " FROM v WHERE alerts.id = v.id")
	return tx.NewRaw(b.String(), args...)
}

// ClaimNotices claims up to limit unsent notices whose next attempt is due
// and whose address the user has confirmed, by moving their next attempt
// to until: another sender (another instance, or the job beside a kick)
// skips them, and if this one dies they are due again after until. On
// PostgreSQL, SKIP LOCKED lets two claims run at once without taking the
// same rows; SQLite has one writer. Notices to an unconfirmed address stay
// pending and go out once it is confirmed.
func (s *Store) ClaimNotices(ctx context.Context, now, until time.Time, limit int) ([]AlertNotice, error) {
	lock := ""
	if s.IsPostgres() {
		lock = "FOR UPDATE OF n SKIP LOCKED"
	}
	var out []AlertNotice
	err := s.DB.NewRaw(`UPDATE alert_notices SET next_attempt_at = ? WHERE id IN (
		SELECT n.id FROM alert_notices AS n
		WHERE n.sent_at IS NULL AND n.next_attempt_at <= ?
		AND EXISTS (SELECT 1 FROM email_addresses e WHERE e.user_id = n.user_id AND e.email = n.email AND e.confirmed_at IS NOT NULL)
		ORDER BY n.next_attempt_at, n.id LIMIT ? `+lock+`)
		RETURNING *`, until.UTC(), now.UTC(), limit).Scan(ctx, &out)
	slices.SortFunc(out, func(a, b AlertNotice) int { return cmp.Compare(a.ID, b.ID) })
	return out, err
}

// NoticeSent marks a notice delivered.
func (s *Store) NoticeSent(ctx context.Context, id int64, at time.Time) error {
	_, err := s.DB.NewUpdate().Model((*AlertNotice)(nil)).
		Set("sent_at = ?", at.UTC()).Set("attempts = attempts + 1").Set("last_error = ''").
		Where("id = ?", id).Exec(ctx)
	return err
}

// NoticeFailed records a failed attempt and when to try again.
func (s *Store) NoticeFailed(ctx context.Context, id int64, next time.Time, msg string) error {
	if len(msg) > 500 {
		msg = msg[:500]
	}
	_, err := s.DB.NewUpdate().Model((*AlertNotice)(nil)).
		Set("attempts = attempts + 1").Set("next_attempt_at = ?", next.UTC()).Set("last_error = ?", msg).
		Where("id = ?", id).Exec(ctx)
	return err
}

// NoticeDeferred moves a notice's next attempt without counting one: the
// address has had its hourly share of mail.
func (s *Store) NoticeDeferred(ctx context.Context, id int64, next time.Time) error {
	_, err := s.DB.NewUpdate().Model((*AlertNotice)(nil)).
		Set("next_attempt_at = ?", next.UTC()).Where("id = ?", id).Exec(ctx)
	return err
}

// NoticesOf lists an alert's notices, oldest first (for tests and support).
func (s *Store) NoticesOf(ctx context.Context, alertID int64) ([]AlertNotice, error) {
	var out []AlertNotice
	err := s.DB.NewSelect().Model(&out).Where("alert_id = ?", alertID).Order("id").Scan(ctx)
	return out, err
}

// MaxNoticesShown is how many of a user's newest notices the notifications
// page lists.
const MaxNoticesShown = 100

// NoticesOfUser lists a user's newest notices, newest first, at most limit.
func (s *Store) NoticesOfUser(ctx context.Context, userID int64, limit int) ([]AlertNotice, error) {
	var out []AlertNotice
	err := s.DB.NewSelect().Model(&out).Where("user_id = ?", userID).Order("id DESC").Limit(int64(limit)).Scan(ctx)
	for i := range out {
		utcNotice(&out[i])
	}
	return out, err
}

// UnreadNotices counts a user's notices not seen on the notifications page.
func (s *Store) UnreadNotices(ctx context.Context, userID int64) (int, error) {
	n, err := s.DB.NewSelect().Model((*AlertNotice)(nil)).
		Where("user_id = ? AND read_at IS NULL", userID).Count(ctx)
	return int(n), err
}

// MarkNoticesRead marks read the user's notices up to id upTo (those the
// page showed), at now; a notice written meanwhile stays unread.
func (s *Store) MarkNoticesRead(ctx context.Context, userID, upTo int64, now time.Time) error {
	_, err := s.DB.NewUpdate().Model((*AlertNotice)(nil)).Set("read_at = ?", now.UTC()).
		Where("user_id = ? AND id <= ? AND read_at IS NULL", userID, upTo).Exec(ctx)
	return err
}

func utcAlert(a *Alert) {
	a.CreatedAt, a.ExpiresAt, a.NextCheckAt = a.CreatedAt.UTC(), a.ExpiresAt.UTC(), a.NextCheckAt.UTC()
}

func utcNotice(n *AlertNotice) {
	n.CreatedAt, n.NextAttemptAt = n.CreatedAt.UTC(), n.NextAttemptAt.UTC()
}

func oneRow(res interface{ RowsAffected() (int64, error) }, err error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}
