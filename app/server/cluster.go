package server

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync/atomic"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/jobs"
)

// cluster is what lets several instances share one PostgreSQL: the
// LISTEN/NOTIFY broker, the leader election for the jobs and this
// instance's id for its watched-tickers heartbeat. On SQLite there is one
// instance: an in-process broker and no election (it always leads).
type cluster struct {
	Instance string
	Broker   *live.PGBroker  // nil on SQLite
	Elector  *jobs.PGElector // nil on SQLite
}

// newCluster picks the broker and the elector for store's database.
func newCluster(ctx context.Context, store *db.Store) (*cluster, live.Broker, error) {
	c := &cluster{Instance: uuid.NewString()}
	if !store.IsPostgres() {
		return c, live.NewMemoryBroker(), nil
	}
	// NOTIFY channels and advisory locks are database-wide: name them
	// after the schema, so apps sharing a database (tests) stay apart.
	schema, err := store.Schema(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte(schema))
	c.Broker, err = live.NewPGBroker(ctx, store.DB.DB, store, fmt.Sprintf("stonks_live_%x", h.Sum64()))
	if err != nil {
		return nil, nil, err
	}
	c.Elector = jobs.NewPGElector(store.DB.DB, "stonks-leader:"+schema)
	return c, c.Broker, nil
}

// Broker is the PostgreSQL broker (nil on SQLite), for tests and metrics.
func (s *Server) Broker() *live.PGBroker { return s.cluster.Broker }

// Elector is the leader election (nil on SQLite), for tests and metrics.
func (s *Server) Elector() *jobs.PGElector { return s.cluster.Elector }

// elector is the jobs' elector; nil (no election) on SQLite.
func (c *cluster) elector() gocron.Elector {
	if c.Elector == nil {
		return nil
	}
	return c.Elector
}

// leader reports whether this instance runs the jobs now.
func (c *cluster) leader() bool { return c.Elector == nil || c.Elector.Leader() }

// close gives the leadership and the broker's connection up.
func (c *cluster) close() {
	if c.Elector != nil {
		c.Elector.Close()
	}
	if c.Broker != nil {
		c.Broker.Close()
	}
}

// counting counts the calls that reach the quote provider.
type counting struct {
	quotes.Provider
	quoteCalls, historyCalls atomic.Uint64
	// For the staff overview: when a quotes call last returned, and how
	// many failed.
	lastCall   atomic.Int64 // Unix nanoseconds
	quoteFails atomic.Uint64
}

func (p *counting) Quotes(ctx context.Context, tickers []string) (map[string]quotes.Quote, error) {
	p.quoteCalls.Add(1)
	qs, err := p.Provider.Quotes(ctx, tickers)
	p.lastCall.Store(time.Now().UnixNano())
	if err != nil {
		p.quoteFails.Add(1)
	}
	return qs, err
}

// Unwrap lets quotes see the provider's own traits (the demo sim's hours).
func (p *counting) Unwrap() quotes.Provider { return p.Provider }

func (p *counting) History(ctx context.Context, ticker string, from, to time.Time) ([]quotes.Bar, error) {
	p.historyCalls.Add(1)
	return p.Provider.History(ctx, ticker, from, to)
}

// clusterMetrics are the per-instance series an operator watches the
// cluster with: live subscribers and deliveries, the broker's traffic and
// reconnects, who leads, and calls to the quote provider.
func (s *Server) clusterMetrics(up *counting) []prometheus.Collector {
	cs := []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "stonks_live_subscribers", Help: "Live streams open on this instance."},
			func() float64 { n, _ := s.Hub.Stats(); return float64(n) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "stonks_live_events_delivered_total", Help: "Live events handed to this instance's subscribers (one per subscriber)."},
			func() float64 { _, n := s.Hub.Stats(); return float64(n) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "stonks_leader", Help: "1 when this instance runs the scheduled jobs (quotes, alerts, mail, cleanup)."},
			func() float64 {
				if s.cluster.leader() {
					return 1
				}
				return 0
			}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "stonks_upstream_calls_total", Help: "Calls to the quote provider.", ConstLabels: prometheus.Labels{"kind": "quotes"}},
			func() float64 { return float64(up.quoteCalls.Load()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "stonks_upstream_calls_total", Help: "Calls to the quote provider.", ConstLabels: prometheus.Labels{"kind": "history"}},
			func() float64 { return float64(up.historyCalls.Load()) }),
	}
	if b := s.cluster.Broker; b != nil {
		cs = append(cs,
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "stonks_broker_notifications_sent_total", Help: "NOTIFYs sent by this instance."},
				func() float64 { return float64(b.Sent.Load()) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "stonks_broker_notifications_received_total", Help: "Notifications received by this instance's listener."},
				func() float64 { return float64(b.Received.Load()) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "stonks_broker_reconnects_total", Help: "Times the listener's connection was re-established."},
				func() float64 { return float64(b.Reconnects.Load()) }),
		)
	}
	return cs
}
