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
	// Lease is how long a claim on pending mail holds (10 min when zero);
	// no mail is started after half of it, so two senders never overlap.
	Lease time.Duration

	mu sync.Mutex // one delivery at a time in this process (the hourly caps count locally)

	kickMu         sync.Mutex
	kicking, rerun bool
}

// Kick starts a delivery and returns at once: the engine calls it after a
// cycle that wrote notices, so a slow mail server never holds the engine
// (and its singleton job) up. A kick during a kicked delivery makes one
// more run after it.
func (s *Sender) Kick(ctx context.Context) error {
	s.kickMu.Lock()
	defer s.kickMu.Unlock()
	if s.kicking {
		s.rerun = true
		return nil
	}
	s.kicking = true
	go s.kicked(ctx)
	return nil
}

func (s *Sender) kicked(ctx context.Context) {
	for {
		if _, err := s.Deliver(ctx); err != nil {
			s.Log.Warn("alert mail delivery", slog.Any("err", err))
		}
		s.kickMu.Lock()
		if !s.rerun || ctx.Err() != nil {
			s.kicking = false
			s.kickMu.Unlock()
			return
		}
		s.rerun = false
		s.kickMu.Unlock()
	}
}

func (s *Sender) lease() time.Duration {
	if s.Lease > 0 {
		return s.Lease
	}
	return 10 * time.Minute
}

// stop tells whether to leave the rest of a claim alone: the context ended
// (shutdown) or the claim is running out. What is left is due again when
// the claim ends.
func (s *Sender) stop(ctx context.Context, claimed time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.Now().After(claimed.Add(s.lease() / 2)) {
		return errClaimOver
	}
	return nil
}

var errClaimOver = errors.New("claim on pending mail ran out; the rest waits for the next run")

// Deliver sends what is due now: confirmation links, then notices to
// confirmed addresses. It returns how many notices went out.
func (s *Sender) Deliver(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	confirmErr := s.confirmations(ctx)
	claimed := s.Now()
	pending, err := s.Store.ClaimNotices(ctx, claimed, claimed.Add(s.lease()), s.Batch)
	if err != nil {
		return 0, errors.Join(confirmErr, err)
	}
	sentTo, err := s.Store.SentSince(ctx, emailsOf(pending, func(n db.AlertNotice) string { return n.Email }), s.Now().Add(-time.Hour), false)
	if err != nil {
		return 0, errors.Join(confirmErr, err)
	}
	// What a mail that went out leaves to record is recorded even when ctx
	// ends meanwhile (shutdown), or it would be mailed again.
	mark := context.WithoutCancel(ctx)
	sent := 0
	errs := []error{confirmErr}
	for _, n := range pending {
		if err := s.stop(ctx, claimed); err != nil {
			errs = append(errs, err)
			break
		}
		if sentTo[n.Email] >= NoticesPerHour {
			errs = append(errs, s.Store.NoticeDeferred(ctx, n.ID, s.Now().Add(time.Hour)))
			continue
		}
		if err := s.Mailer.Send(ctx, Compose(s.BaseURL, n)); err != nil {
			next := s.Now().Add(s.backoff(n.Attempts))
			s.Log.Warn("alert mail failed", slog.String("key", n.IdemKey), slog.Int("attempt", n.Attempts+1), slog.Time("retry_at", next), slog.Any("err", err))
			errs = append(errs, s.Store.NoticeFailed(mark, n.ID, next, err.Error()))
			continue
		}
		if err := s.Store.NoticeSent(mark, n.ID, s.Now()); err != nil {
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
	claimed := s.Now()
	due, err := s.Store.ClaimConfirmations(ctx, claimed, claimed.Add(s.lease()), s.Batch)
	if err != nil || len(due) == 0 {
		return err
	}
	sentTo, err := s.Store.SentSince(ctx, emailsOf(due, func(e db.EmailAddress) string { return e.Email }), s.Now().Add(-time.Hour), true)
	if err != nil {
		return err
	}
	mark := context.WithoutCancel(ctx)
	var errs []error
	for _, e := range due {
		if err := s.stop(ctx, claimed); err != nil {
			errs = append(errs, err)
			break
		}
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
			errs = append(errs, s.Store.ConfirmationDeferred(mark, e.ID, next, true))
			continue
		}
		if err := s.Store.ConfirmationSent(mark, e.ID, s.Now()); err != nil {
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
