package alerts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/stonks-b3/stonks/db"
)

// Limits on mail to one address, whoever asks for it.
const (
	// NoticesPerHour is how many alert notices one address receives in an
	// hour; the rest wait for the next hour (deferred, not dropped).
	NoticesPerHour = 20
	// ConfirmationsPerHour is how many confirmation links one address
	// receives in an hour, from all accounts together.
	ConfirmationsPerHour = 3
	// LinkLifetime is how long a confirmation link works.
	LinkLifetime = 48 * time.Hour
)

// Sender delivers the outbox: each pending notice is mailed, then marked
// sent. A crash after the mail but before the mark sends it again on the
// next run, under the same key (same file, same Message-ID): at least once,
// never lost, and the repeat is recognisable as the same message. It also
// mails the links that confirm addresses; notices to an address wait until
// it is confirmed.
type Sender struct {
	Store   *db.Store
	Mailer  Mailer
	BaseURL string
	Now     func() time.Time
	Log     *slog.Logger
	// Backoff is the wait after the first failure, doubled after each
	// further one up to MaxBackoff.
	Backoff, MaxBackoff time.Duration
	Batch               int

	mu sync.Mutex // the job and the engine's kick never deliver at once
}

// Deliver sends what is due now: confirmation links, then notices to
// confirmed addresses. It returns how many notices went out.
func (s *Sender) Deliver(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	confirmErr := s.confirmations(ctx)
	pending, err := s.Store.PendingNotices(ctx, s.Now(), s.Batch)
	if err != nil {
		return 0, errors.Join(confirmErr, err)
	}
	sentTo, err := s.Store.SentSince(ctx, emailsOf(pending, func(n db.AlertNotice) string { return n.Email }), s.Now().Add(-time.Hour), false)
	if err != nil {
		return 0, errors.Join(confirmErr, err)
	}
	sent := 0
	errs := []error{confirmErr}
	for _, n := range pending {
		if sentTo[n.Email] >= NoticesPerHour {
			errs = append(errs, s.Store.NoticeDeferred(ctx, n.ID, s.Now().Add(time.Hour)))
			continue
		}
		if err := s.Mailer.Send(ctx, Compose(s.BaseURL, n)); err != nil {
			next := s.Now().Add(s.backoff(n.Attempts))
			s.Log.Warn("alert mail failed", slog.String("key", n.IdemKey), slog.Int("attempt", n.Attempts+1), slog.Time("retry_at", next), slog.Any("err", err))
			errs = append(errs, s.Store.NoticeFailed(ctx, n.ID, next, err.Error()))
			continue
		}
		if err := s.Store.NoticeSent(ctx, n.ID, s.Now()); err != nil {
			return sent, err
		}
		sentTo[n.Email]++
		sent++
	}
	return sent, errors.Join(errs...)
}

// confirmations mails the links that are due. The token exists only in the
// mail: the database keeps its SHA-256, stored before the mail goes so the
// link works as soon as it arrives.
func (s *Sender) confirmations(ctx context.Context) error {
	due, err := s.Store.DueConfirmations(ctx, s.Now(), s.Batch)
	if err != nil || len(due) == 0 {
		return err
	}
	sentTo, err := s.Store.SentSince(ctx, emailsOf(due, func(e db.EmailAddress) string { return e.Email }), s.Now().Add(-time.Hour), true)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range due {
		if sentTo[e.Email] >= ConfirmationsPerHour {
			errs = append(errs, s.Store.ConfirmationDeferred(ctx, e.ID, s.Now().Add(time.Hour), false))
			continue
		}
		token, hash := NewToken()
		if err := s.Store.ConfirmationToken(ctx, e.ID, hash, s.Now().Add(LinkLifetime)); err != nil {
			return err
		}
		m := ComposeConfirmation(s.BaseURL, e, token, s.Now())
		if err := s.Mailer.Send(ctx, m); err != nil {
			next := s.Now().Add(s.backoff(e.Attempts))
			s.Log.Warn("confirmation mail failed", slog.String("key", m.Key), slog.Time("retry_at", next), slog.Any("err", err))
			errs = append(errs, s.Store.ConfirmationDeferred(ctx, e.ID, next, true))
			continue
		}
		if err := s.Store.ConfirmationSent(ctx, e.ID, s.Now()); err != nil {
			return err
		}
		sentTo[e.Email]++
	}
	return errors.Join(errs...)
}

func emailsOf[T any](rows []T, email func(T) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		if e := email(r); !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// NewToken makes a confirmation token (32 random bytes, base64url) and the
// hash the database keeps.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the SHA-256 of a token, in hex.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Run is the job's function.
func (s *Sender) Run(ctx context.Context) error {
	_, err := s.Deliver(ctx)
	return err
}

func (s *Sender) backoff(attempts int) time.Duration {
	d := s.Backoff
	for i := 0; i < attempts && d < s.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, s.MaxBackoff)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
