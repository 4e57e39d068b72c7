package server

import (
	"github.com/stonks-b3/stonks/app/alerts"
	"github.com/stonks-b3/stonks/app/tracker"
	"github.com/stonks-b3/stonks/jobs"
)

// jobs schedules the background work that feeds the live pages.
func (s *Server) jobs(track *tracker.Handler) {
	cfg := s.Env.Config
	watched := track.Watched
	if s.cluster.Broker != nil {
		// Several instances may serve viewers; the leader polls what any
		// of them watches. A record expires after three missed heartbeats.
		must(s.Jobs.EveryInstance("watch-heartbeat", cfg.QuotesInterval, track.Heartbeat(s.cluster.Instance)))
		watched = track.WatchedAnywhere(3 * cfg.QuotesInterval)
	}
	must(s.Jobs.Every("quotes", cfg.QuotesInterval, jobs.Quotes(s.Quotes, watched, track.Publish)))
}

// alertJobs runs the alert engine and, as its own job, the outbox sender
// (which retries failed mail with backoff).
func (s *Server) alertJobs(al *alerts.Handler) {
	cfg := s.Env.Config
	must(s.Jobs.Every("alerts", cfg.AlertsInterval, al.Engine.Run))
	must(s.Jobs.Every("alert-mail", cfg.AlertsInterval, al.Sender.Run))
}

// must panics on a scheduling error: it only fails on invalid intervals,
// which config.Load has already refused.
func must(err error) {
	if err != nil {
		panic(err)
	}
}
