// Package home serves the home page.
package home

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// Handler serves /.
type Handler struct{ env *web.Env }

// New makes the home handler.
func New(env *web.Env) *Handler { return &Handler{env: env} }

// Show renders the seed's home: About, Forum, Markets and Wallet sections.
func (h *Handler) Show(c *fiber.Ctx) error {
	return h.env.Render(c, fiber.StatusOK, "pages/home", nil)
}
