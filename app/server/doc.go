// Package server wires Stonks together: configuration, database, templates,
// middleware, routes and background jobs, and runs them until SIGTERM.
// server.go builds Fiber and the middleware chain (docs/architecture.md
// lists it in order); routes.go is the table of contents.
//
// Fiber runs with Immutable: request values are copies, so one kept past its
// handler (a metrics label, a cache key, a stream) never changes under it.
// KeepHijackedConns lets event streams free fasthttp's per-request state.
//
// cluster.go holds what lets N instances share one PostgreSQL: the broker
// (live.PGBroker), the leader election (jobs.PGElector) and the
// watched-ticker union (instance_watch). On SQLite there is one instance,
// always leader, with the in-process broker. live.go registers the stream
// rules; its catalogue keeps the listed tickers in memory, reloaded after
// staff change the assets and every minute.
//
// Shutdown order matters: the scheduler stops and leadership is given up,
// Hub.Shutdown ends every stream (fasthttp would wait for open stream
// writers), open connections' reads get a 1 s deadline (a half-sent request
// would hold fasthttp's shutdown), then Fiber drains requests in flight.
package server
