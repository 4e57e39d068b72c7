package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gofiber/template/html/v2"
	"github.com/stonks-b3/stonks/app/config"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/views"
)

// Env is what handlers need; each feature package keeps a pointer to it.
type Env struct {
	Config config.Config
	Store  *db.Store
	Views  *html.Engine
	Log    *slog.Logger
	Now    func() time.Time
	// SessionEnded is told each session that logout (or a new login) ends,
	// so that its live streams end too; nil: nothing to tell.
	SessionEnded func(ctx context.Context, id string) error
	// PasswordCheck, when set, replaces the argon2id comparison at login:
	// tests count and hold password checks through it.
	PasswordCheck func(password, hash string) bool

	chrome HTMLCache // rendered navbars and footers (chrome.go)
}

// NewViews loads the embedded templates with the shared template functions.
func NewViews() (*html.Engine, error) {
	engine := html.NewFileSystem(http.FS(views.FS), ".html")
	engine.AddFuncMap(funcs)
	return engine, engine.Load()
}
