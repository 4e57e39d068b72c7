package home

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/quotes"
	"github.com/stonks-b3/stonks/app/web"
)

// Handler serves /.
type Handler struct {
	env    *web.Env
	quotes *quotes.Service
}

// New makes the home handler.
func New(env *web.Env, q *quotes.Service) *Handler { return &Handler{env: env, quotes: q} }

// Show renders the seed's home (About, Forum, Markets and Wallet sections)
// to visitors, and the user's dashboard to a logged-in user.
func (h *Handler) Show(c *fiber.Ctx) error {
	u := web.User(c)
	if u == nil {
		return h.env.Render(c, fiber.StatusOK, "pages/home", nil)
	}
	d, err := h.dashboard(c.UserContext(), web.Locale(c), u.ID)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/dashboard", fiber.Map{"Title": "Dashboard", "Dash": d})
}
