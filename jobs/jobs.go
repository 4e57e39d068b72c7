// Package jobs runs Stonks' scheduled work with gocron: cleanup now; quotes
// and alerts join with their features. Every job is in singleton mode, so a
// slow run is never overlapped by the next one.
package jobs

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stonks-b3/stonks/db"
)

// Scheduler owns two gocron schedulers: cron runs the jobs of the leader
// (with several instances on PostgreSQL, exactly one instance runs them:
// see PGElector), local those every instance runs (its heartbeat).
type Scheduler struct {
	cron  gocron.Scheduler
	local gocron.Scheduler
	log   *slog.Logger
	once  sync.Once
	// Panics counts job runs that panicked, by job; gocron recovers them, so
	// without this a job could fail on every run unseen.
	Panics *prometheus.CounterVec
}

// New creates the scheduler with the cleanup job; now is the app's clock.
// elector, when not nil, picks the one instance that runs Every's jobs.
func New(log *slog.Logger, store *db.Store, now func() time.Time, elector gocron.Elector) (*Scheduler, error) {
	var opts []gocron.SchedulerOption
	if elector != nil {
		opts = append(opts, gocron.WithDistributedElector(elector))
	}
	cron, err := gocron.NewScheduler(opts...)
	if err != nil {
		return nil, err
	}
	local, err := gocron.NewScheduler()
	if err != nil {
		return nil, err
	}
	s := &Scheduler{cron: cron, local: local, log: log, Panics: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "stonks_job_panics_total", Help: "Scheduled job runs that panicked.",
	}, []string{"job"})}
	err = s.Every("cleanup", time.Hour, func(ctx context.Context) error {
		now := now()
		n, err := store.DeleteExpired(ctx, now, now.Add(-24*time.Hour))
		if n > 0 {
			log.Info("expired sessions deleted", slog.Int64("count", n))
		}
		if store.IsPostgres() {
			err = errors.Join(err, store.DeleteLivePayloads(ctx, now.Add(-time.Hour)))
		}
		return err
	})
	return s, err
}

// Every runs fn every interval on the leader, never two runs of it at once;
// errors are logged.
func (s *Scheduler) Every(name string, interval time.Duration, fn func(ctx context.Context) error) error {
	return s.every(s.cron, name, interval, fn)
}

// EveryInstance is Every on every instance, leader or not.
func (s *Scheduler) EveryInstance(name string, interval time.Duration, fn func(ctx context.Context) error) error {
	return s.every(s.local, name, interval, fn)
}

func (s *Scheduler) every(cron gocron.Scheduler, name string, interval time.Duration, fn func(ctx context.Context) error) error {
	_, err := cron.NewJob(
		gocron.DurationJob(interval),
		gocron.NewTask(func(ctx context.Context) {
			if err := fn(ctx); err != nil {
				s.log.Error("job failed", slog.String("job", name), slog.Any("err", err))
			}
		}),
		gocron.WithName(name),
		gocron.WithSingletonMode(gocron.LimitModeReschedule),
		gocron.WithEventListeners(gocron.AfterJobRunsWithPanic(func(_ uuid.UUID, job string, recovered any) {
			s.Panics.WithLabelValues(job).Inc()
			s.log.Error("job panicked", slog.String("job", job), slog.Any("panic", recovered))
		})),
	)
	return err
}

// Start begins running the jobs.
func (s *Scheduler) Start() {
	s.local.Start()
	s.cron.Start()
}

// Shutdown stops scheduling and waits for running jobs to return.
func (s *Scheduler) Shutdown() {
	s.once.Do(func() {
		for _, c := range []gocron.Scheduler{s.cron, s.local} {
			if err := c.Shutdown(); err != nil {
				s.log.Error("scheduler shutdown", slog.Any("err", err))
			}
		}
	})
}
