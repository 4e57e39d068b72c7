// Command stonks serves the Stonks web app. With no arguments it serves;
// `stonks migrate` applies migrations and exits; `stonks demo` also loads the
// demo content; `stonks --help` lists commands and settings.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/stonks-b3/stonks/app/config"
	"github.com/stonks-b3/stonks/app/demo"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cmd := ""
	if len(os.Args) > 1 {
		cmd = os.Args[1]
	}
	if err := run(cmd, os.Args[min(2, len(os.Args)):], log); err != nil {
		fmt.Fprintln(os.Stderr, "stonks:", err)
		os.Exit(1)
	}
}

func run(cmd string, args []string, log *slog.Logger) error {
	switch cmd {
	case "-h", "--help", "help":
		usage(os.Stdout)
		return nil
	case "demo":
		for _, a := range args {
			if a != "--force" && a != "-force" {
				usage(os.Stderr)
				return fmt.Errorf("demo: unknown argument %q", a)
			}
		}
	case "staff":
		if len(args) == 0 || strings.HasPrefix(args[0], "-") || len(args) > 2 ||
			(len(args) == 2 && args[1] != "--revoke" && args[1] != "-revoke") {
			usage(os.Stderr)
			return fmt.Errorf("staff: usage: stonks staff USERNAME [--revoke]")
		}
	case "", "serve", "migrate":
	default:
		usage(os.Stderr)
		return fmt.Errorf("unknown command %q", cmd)
	}
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		return err
	}
	store, err := db.Open(cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	defer store.Close()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	n, err := store.Migrate(ctx)
	if err != nil {
		return err
	}
	log.Info("migrations applied", slog.Int("count", n))
	switch cmd {
	case "migrate":
		return nil
	case "staff":
		return grantStaff(ctx, store, args[0], len(args) == 1, time.Now())
	case "demo":
		force := slices.Contains(args, "--force") || slices.Contains(args, "-force")
		if err := demo.Seed(ctx, store, time.Now(), force); err != nil {
			return err
		}
		fmt.Printf("Demo content loaded. Log in as %s with password %s\n", demo.Username, demo.Password)
		return nil
	}
	srv, err := server.New(cfg, store, log)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("ADDR: %w", err)
	}
	if cfg.BaseURLWarning != "" {
		log.Warn(cfg.BaseURLWarning)
	}
	log.Info("serving", slog.String("addr", ln.Addr().String()), slog.String("base_url", cfg.BaseURL))
	return srv.Serve(ctx, ln)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Stonks: live quotes, forum, price alerts and wallet for B3 investors.

Usage:
  stonks            serve the web app
  stonks migrate    apply pending database migrations and exit
  stonks demo       apply migrations, load demo content (a demo user, forum
                    rooms, a wallet, alerts) and print the demo login; running
                    it again adds nothing; refuses a database with other users
                    unless given --force. Never done by the server on its own
  stonks staff USERNAME [--revoke]
                    grant (or revoke) the staff role: the only way to
                    become staff; audited
  stonks --help     show this help

Settings (environment variables):
`)
	for _, s := range config.Settings {
		def := s.Default
		if def == "" {
			def = "(empty)"
		}
		fmt.Fprintf(w, "  %-16s %s\n  %-16s default: %s\n", s.Name, s.Meaning, "", def)
	}
}
