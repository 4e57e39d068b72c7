package server

import (
	"errors"
	"time"

	"github.com/stonks-b3/stonks/jobs"
)

// schedule sets up the background work: the quote poll that feeds the live
// pages, the alert engine and, as its own job, the outbox sender (which
// retries failed mail with backoff).
func (s *Server) schedule(f *features) error {
	cfg := s.Env.Config
	track := f.tracker
	watched := track.Watched
	var errs []error
	if s.cluster.Broker != nil {
		// Several instances may serve viewers; the leader polls what any
		// of them watches. A record expires after three missed heartbeats.
		errs = append(errs, s.Jobs.EveryInstance("watch-heartbeat", cfg.QuotesInterval, track.Heartbeat(s.cluster.Instance)))
		watched = track.WatchedAnywhere(3 * cfg.QuotesInterval)
	}
	errs = append(errs,
		// Assets staff list on another instance become known here too.
		s.Jobs.EveryInstance("catalogue", time.Minute, s.catalogue.Reload),
		s.Jobs.Every("quotes", cfg.QuotesInterval, jobs.Quotes(s.Quotes, watched, track.Publish)),
		s.Jobs.Every("alerts", cfg.AlertsInterval, f.alerts.Engine.Run),
		s.Jobs.Every("alert-mail", cfg.AlertsInterval, f.alerts.Sender.Run),
	)
	return errors.Join(errs...)
}
