package server

import (
	"time"

	"github.com/stonks-b3/stonks/app/accounts"
	"github.com/stonks-b3/stonks/app/alerts"
	"github.com/stonks-b3/stonks/app/forum"
	"github.com/stonks-b3/stonks/app/graph"
	"github.com/stonks-b3/stonks/app/home"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/returns"
	"github.com/stonks-b3/stonks/app/staff"
	"github.com/stonks-b3/stonks/app/tracker"
	"github.com/stonks-b3/stonks/app/wallet"
)

// features are the handlers of each feature, built once by New: routes maps
// URLs to them and jobs schedules their background work.
type features struct {
	home     *home.Handler
	accounts *accounts.Handler
	tracker  *tracker.Handler
	graph    *graph.Handler
	forum    *forum.Handler
	alerts   *alerts.Handler
	wallet   *wallet.Handler
	returns  *returns.Handler
	staff    *staff.Handler
}

func (s *Server) newFeatures() (*features, error) {
	env := s.Env
	// Reset links and alert notices go out by the same mail path.
	mailer, err := alerts.NewMailer(env.Config)
	if err != nil {
		return nil, err
	}
	al, err := alerts.New(env, s.Quotes, s.Hub)
	if err != nil {
		return nil, err
	}
	acc := accounts.New(env, mailer)
	fr := forum.New(env, s.Hub)
	st := staff.New(env, acc, fr, s.staffStatus)
	st.AssetsChanged = s.catalogue.Reload
	return &features{
		home:     home.New(env, s.Quotes),
		accounts: acc,
		tracker:  tracker.New(env, s.Quotes, s.Hub),
		graph:    graph.New(env, s.Quotes),
		forum:    fr,
		alerts:   al,
		wallet:   wallet.New(env, s.Quotes),
		returns:  returns.New(env, s.Quotes),
		staff:    st,
	}, nil
}

// staffStatus is this instance's part of the staff overview: open streams,
// leadership and the quote provider's health.
func (s *Server) staffStatus() staff.Status {
	subs, _ := s.Hub.Stats()
	st := staff.Status{Streams: subs, Leader: s.cluster.leader(), Provider: s.Env.Config.QuotesProvider,
		Calls: s.upstream.quoteCalls.Load(), Errors: s.upstream.quoteFails.Load(), Breaker: "—"}
	if n := s.upstream.lastCall.Load(); n != 0 {
		st.LastCall = time.Unix(0, n)
	}
	if b, ok := quotes.As[interface{ BreakerState() string }](s.upstream.Provider); ok {
		st.Breaker = b.BreakerState()
	}
	return st
}
