package staff

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// Reports is the staff's queue of reported messages, oldest first.
func (h *Handler) Reports(c *fiber.Ctx) error {
	reports, err := h.env.Store.Reports(c.UserContext(), 200)
	if err != nil {
		return err
	}
	return h.env.Render(c, fiber.StatusOK, "pages/staff_reports", fiber.Map{"Title": "Reports", "Reports": reports})
}

// DismissReport closes a report and keeps the message.
func (h *Handler) DismissReport(c *fiber.Ctx) error {
	id, err := paramID(c)
	if err != nil {
		return err
	}
	if err := h.env.Store.DismissReport(c.UserContext(), actor(c), id, h.env.Now()); err != nil {
		return storeErr(err)
	}
	return web.Redirect(c, "/staff/reports/")
}

// ReportPage asks any user why they report a message (a plain form).
func (h *Handler) ReportPage(c *fiber.Ctx) error {
	m, err := h.message(c)
	if err != nil {
		return err
	}
	return h.renderReport(c, fiber.StatusOK, m, &ReportForm{}, nil, false)
}

// Report puts a message in the staff's queue.
func (h *Handler) Report(c *fiber.Ctx) error {
	m, err := h.message(c)
	if err != nil {
		return err
	}
	f := new(ReportForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	if errs := f.Validate(web.Locale(c)); errs.Any() {
		return h.renderReport(c, fiber.StatusUnprocessableEntity, m, f, errs, false)
	}
	if err := h.env.Store.ReportMessage(c.UserContext(), m.ID, web.User(c).ID, f.Reason, h.env.Now()); err != nil {
		return err
	}
	return h.renderReport(c, fiber.StatusOK, m, f, nil, true)
}

func (h *Handler) message(c *fiber.Ctx) (*db.Message, error) {
	id, err := paramID(c)
	if err != nil {
		return nil, err
	}
	m, err := h.env.Store.MessageByID(c.UserContext(), id)
	if errors.Is(err, db.ErrNotFound) {
		return nil, fiber.ErrNotFound
	}
	return m, err
}

func (h *Handler) renderReport(c *fiber.Ctx, status int, m *db.Message, f *ReportForm, errs forms.Errors, done bool) error {
	return h.env.Render(c, status, "pages/staff_report", fiber.Map{"Title": "Report message", "Message": m,
		"Action": "/report-message/" + strconv.FormatInt(m.ID, 10) + "/", "Form": f, "Errors": errs, "Done": done})
}
