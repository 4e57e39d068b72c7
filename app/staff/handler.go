package staff

import (
	"context"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// SudoTTL is how long after the password was entered staff pages stay open;
// then they ask for it again.
const SudoTTL = 15 * time.Minute

// sudoPath is the one staff page reachable without a recent password.
const sudoPath = "/staff/sudo/"

// Passwords checks the logged-in user's password again (the accounts
// handler: throttled like logins).
type Passwords interface {
	Reauthenticate(c *fiber.Ctx, pw string) (ok bool, wait time.Duration, err error)
}

// Handler serves the staff pages; one file per action.
type Handler struct {
	env       *web.Env
	passwords Passwords
	forum     Forum
	status    func() Status
	// AssetsChanged is told when staff list or change assets, so this
	// instance knows them at once (quotes, streams, forms); nil: nobody.
	AssetsChanged func(context.Context) error
}

// assetsChanged tells AssetsChanged; a failure is logged, the change is
// saved already and the periodic reload will catch up.
func (h *Handler) assetsChanged(ctx context.Context) {
	if h.AssetsChanged == nil {
		return
	}
	if err := h.AssetsChanged(ctx); err != nil {
		h.env.Log.Warn("reloading the assets", "err", err)
	}
}

// Status is this instance's state for the overview (the server knows it).
type Status struct {
	Streams       int  // live streams open on this instance
	Leader        bool // this instance runs the scheduled jobs
	Provider      string
	LastCall      time.Time // zero: no call yet
	Calls, Errors uint64
	Breaker       string // closed, open, half-open; "—" when the provider has none
}

// New makes the staff handlers.
func New(env *web.Env, passwords Passwords, forum Forum, status func() Status) *Handler {
	return &Handler{env: env, passwords: passwords, forum: forum, status: status}
}

// Guard stands before every /staff/ route: visitors go to the login page,
// users without the role get 403 (before any handler, so nothing changes),
// and staff whose password is older than SudoTTL are asked for it again.
func (h *Handler) Guard(c *fiber.Ctx) error {
	u := web.User(c)
	if u == nil {
		return web.RequireUser(c)
	}
	if !u.IsStaff {
		return fiber.ErrForbidden
	}
	if c.Path() == sudoPath {
		return c.Next()
	}
	id, _, ok := web.Session(c)
	if !ok {
		return fiber.ErrForbidden
	}
	at, err := h.env.Store.SudoTime(c.UserContext(), id)
	if err != nil {
		return err
	}
	if h.env.Now().Sub(at) > SudoTTL {
		next := c.OriginalURL()
		if c.Method() != fiber.MethodGet {
			next = "/staff/" // a form's POST cannot be replayed by a redirect
		}
		return web.Redirect(c, sudoPath+"?next="+url.QueryEscape(next))
	}
	return c.Next()
}

// actor is the staff user doing the request, for the audit log.
func actor(c *fiber.Ctx) db.Actor {
	u := web.User(c)
	return db.Actor{ID: u.ID, Name: u.Username}
}
