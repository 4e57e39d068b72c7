package web

import (
	"log/slog"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the HTTP series exported on /metrics.
type Metrics struct {
	Registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// NewMetrics makes a registry of its own (so tests can build many apps) with
// the Go runtime collectors and the HTTP series.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "stonks_http_requests_total", Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "stonks_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route", "method"}),
	}
	m.Registry.MustRegister(m.requests, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Observe logs each request with its request id and records the metrics.
// It runs after requestid and wraps everything else, errors included.
func Observe(log *slog.Logger, m *Metrics, onError fiber.ErrorHandler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		c.Locals(observedKey, true)
		if err := c.Next(); err != nil {
			// Render the error page now so the status we record is the real one.
			if herr := onError(c, err); herr != nil {
				c.Status(fiber.StatusInternalServerError)
			}
		}
		route := c.Route().Path
		if r, ok := c.Locals(routeKey).(string); ok {
			route = r
		}
		record(c, log, m, route, time.Since(start))
		return nil
	}
}

// Refused wraps the app's error handler for the requests fasthttp refuses
// before any middleware runs (413 body too large, 400 bad framing, 431):
// Observe never sees them, so they are logged and counted here, under the
// route "refused".
func Refused(log *slog.Logger, m *Metrics, onError fiber.ErrorHandler) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		herr := onError(c, err)
		if herr != nil {
			c.Status(fiber.StatusInternalServerError)
		}
		if c.Locals(observedKey) == nil {
			// A request that timed out before it was read has no start time.
			var elapsed time.Duration
			if start := c.Context().Time(); !start.IsZero() {
				elapsed = time.Since(start)
			}
			record(c, log, m, "refused", elapsed)
		}
		return herr
	}
}

// record counts a finished request and writes its log line.
func record(c *fiber.Ctx, log *slog.Logger, m *Metrics, route string, elapsed time.Duration) {
	status := c.Response().StatusCode()
	m.requests.WithLabelValues(route, c.Method(), strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route, c.Method()).Observe(elapsed.Seconds())
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	log.LogAttrs(c.UserContext(), level, "request",
		slog.String("request_id", c.GetRespHeader(fiber.HeaderXRequestID)),
		slog.String("method", c.Method()), slog.String("path", c.Path()), slog.String("route", route),
		slog.Int("status", status), slog.Duration("duration", elapsed), slog.String("ip", ClientIP(c)))
}

// Unmatched marks a request that no route took, so /metrics groups all of
// them under one label instead of one series per random path.
func Unmatched(c *fiber.Ctx) error {
	c.Locals(routeKey, "unmatched")
	return fiber.ErrNotFound
}
