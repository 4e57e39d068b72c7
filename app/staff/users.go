package staff

import (
	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/web"
)

// Users lists accounts (search by username) with suspend/reinstate buttons.
func (h *Handler) Users(c *fiber.Ctx) error {
	users, err := h.env.Store.Users(c.UserContext(), c.Query("q"), 200)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/staff_users", fiber.Map{"Title": "Users", "Users": users, "Q": c.Query("q")})
}

// Suspend keeps a user out at once: their sessions are deleted and the live
// streams of each end on every instance (SessionEnded); login is refused
// until they are reinstated.
func (h *Handler) Suspend(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if id == web.User(c).ID {
		return fiber.NewError(fiber.StatusUnprocessableEntity, "staff cannot suspend themselves")
	}
	ended, err := h.env.Store.Suspend(c.UserContext(), actor(c), id, true, h.env.Now())
	if err != nil {
		return storeErr(err)
	}
	if h.env.SessionEnded != nil {
		for _, s := range ended {
			if err := h.env.SessionEnded(c.UserContext(), s); err != nil {
				h.env.Log.Warn("staff: ending a suspended user's streams", "err", err)
			}
		}
	}
	return back(c, "/staff/users/")
}

// Reinstate lets a suspended user log in again.
func (h *Handler) Reinstate(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if _, err := h.env.Store.Suspend(c.UserContext(), actor(c), id, false, h.env.Now()); err != nil {
		return storeErr(err)
	}
	return back(c, "/staff/users/")
}
