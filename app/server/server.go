// Package server wires Stonks together: configuration, database, templates,
// middleware, routes and background jobs, and runs them until SIGTERM.
package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
	"github.com/stonks-b3/stonks/app/config"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/jobs"
	"github.com/stonks-b3/stonks/static"
)

// BodyLimit refuses request bodies over 1 MiB with 413.
const BodyLimit = 1 << 20

// Server is the running application.
type Server struct {
	Env     *web.Env
	App     *fiber.App
	Metrics *web.Metrics
	Jobs    *jobs.Scheduler
}

// New builds the server on an open, migrated store.
func New(cfg config.Config, store *db.Store, log *slog.Logger) (*Server, error) {
	views, err := web.NewViews()
	if err != nil {
		return nil, err
	}
	env := &web.Env{Config: cfg, Store: store, Views: views, Log: log, Now: time.Now}
	s := &Server{Env: env, Metrics: web.NewMetrics()}
	s.Jobs, err = jobs.New(log, store)
	if err != nil {
		return nil, err
	}

	app := fiber.New(fiber.Config{
		BodyLimit:             BodyLimit,
		ErrorHandler:          env.Errors,
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		IdleTimeout:           120 * time.Second,
	})
	app.Use(requestid.New())
	app.Use(web.Observe(log, s.Metrics, env.Errors))
	app.Use(recover.New())
	app.Use(web.SecurityHeaders())
	app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(static.FS), MaxAge: 365 * 24 * 3600}))
	app.Get("/favicon.ico", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderCacheControl, "public, max-age=86400")
		return filesystem.SendFile(c, http.FS(static.FS), "img/favicon.ico")
	})
	app.Use(web.Languages())
	app.Use(env.Sessions())
	app.Use(web.CSRF())
	s.routes(app)
	s.App = app
	return s, nil
}

// Serve listens on ln until ctx is cancelled (SIGTERM), then stops the jobs,
// lets requests in flight finish, and returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.Jobs.Start()
	errc := make(chan error, 1)
	go func() { errc <- s.App.Listener(ln) }()
	select {
	case err := <-errc:
		s.Jobs.Shutdown()
		return err
	case <-ctx.Done():
	}
	s.Env.Log.Info("shutting down")
	s.Jobs.Shutdown()
	return s.App.ShutdownWithTimeout(10 * time.Second)
}
