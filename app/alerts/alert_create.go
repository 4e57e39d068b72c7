package alerts

import (
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// CreatePage shows an empty form; ?ativo= (the tracker's "Alert" link)
// fills in the ticker, and the e-mail defaults to the account's.
func (h *Handler) CreatePage(c *fiber.Ctx) error {
	f := &AlertForm{Email: web.User(c).Email, Ativo: c.Query("ativo"), Periodo: "15", Duracao: "30"}
	return h.renderForm(c, fiber.StatusOK, f, nil, nil)
}

// Create stores a new alert, due at once so the next cycle checks it.
func (h *Handler) Create(c *fiber.Ctx) error {
	f := new(AlertForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	l, u := web.Locale(c), web.User(c)
	defaultEmail(f, u)
	if errs := f.Validate(l); errs.Any() {
		return h.renderForm(c, fiber.StatusUnprocessableEntity, f, errs, nil)
	}
	now := h.env.Now().UTC()
	a := &db.Alert{UserID: u.ID, Lang: l.Code, CreatedAt: now}
	arm(a, f, now)
	switch err := h.env.Store.CreateAlert(c.UserContext(), a); {
	case errors.Is(err, db.ErrTooManyAlerts):
		errs := forms.Errors{}
		errs.Add("", l.T("You can have at most %d alerts. Delete one to create another.", db.MaxAlertsPerUser))
		return h.renderForm(c, fiber.StatusUnprocessableEntity, f, errs, nil)
	case err != nil:
		return err
	}
	if err := h.env.Store.RequestConfirmation(c.UserContext(), u.ID, a.Email, l.Code, now); err != nil {
		return err
	}
	return web.Redirect(c, "/alerts/")
}

// defaultEmail sends a blank e-mail field to the account's address.
func defaultEmail(f *AlertForm, u *db.User) {
	if strings.TrimSpace(f.Email) == "" {
		f.Email = u.Email
	}
}

// arm copies the form into a and (re)starts it: no zone yet, checked at
// the next cycle, active for the chosen days from now.
func arm(a *db.Alert, f *AlertForm, now time.Time) {
	a.Email, a.Ticker, a.BuyPrice, a.SellPrice = f.Email, f.Ativo, f.Buy, f.Sell
	a.PeriodMinutes, a.DurationDays = f.Period, f.Days
	a.Zone, a.Expired = "", false
	a.NextCheckAt = now
	a.ExpiresAt = now.AddDate(0, 0, f.Days)
}

func (h *Handler) renderForm(c *fiber.Ctx, status int, f *AlertForm, errs forms.Errors, a *db.Alert) error {
	data := fiber.Map{"Form": f, "Errors": errs, "Title": "New alert", "Action": "/create-alert/"}
	if a != nil {
		data["Title"], data["Action"], data["Alert"] = "Edit alert", "/update-alert/"+itoa(a.ID)+"/", a
	}
	return h.env.Render(c, status, "pages/alert_form", data)
}
