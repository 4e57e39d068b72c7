package alerts

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/stonks-b3/stonks/db"
)

// Sender delivers the outbox: each pending notice is mailed, then marked
// sent. A crash after the mail but before the mark sends it again on the
// next run, under the same key (same file, same Message-ID): at least once,
// never lost, and the repeat is recognisable as the same message.
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

// Deliver sends what is due now; it returns how many went out.
func (s *Sender) Deliver(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pending, err := s.Store.PendingNotices(ctx, s.Now(), s.Batch)
	if err != nil {
		return 0, err
	}
	sent := 0
	var errs []error
	for _, n := range pending {
		if err := s.Mailer.Send(ctx, Compose(s.BaseURL, n)); err != nil {
			next := s.Now().Add(s.backoff(n.Attempts))
			s.Log.Warn("alert mail failed", slog.String("key", n.IdemKey), slog.Int("attempt", n.Attempts+1), slog.Time("retry_at", next), slog.Any("err", err))
			errs = append(errs, s.Store.NoticeFailed(ctx, n.ID, next, err.Error()))
			continue
		}
		if err := s.Store.NoticeSent(ctx, n.ID, s.Now()); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, errors.Join(errs...)
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
