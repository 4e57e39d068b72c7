package accounts

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/alerts"
	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/web"
	"github.com/stonks-b3/stonks/db"
)

// Reset links: valid an hour, single use. Requests are limited per address
// (its owner's inbox) and per client address (a script mailing many).
const (
	resetLifetime    = time.Hour
	resetsPerAddress = 3
	resetsPerIP      = 10
	resetWindow      = time.Hour
	// accountsPerEmail bounds the mails one request sends: addresses are
	// not unique, each account with it gets its own link.
	accountsPerEmail = 5
)

// ResetRequestPage asks for the address to mail a reset link to.
func (h *Handler) ResetRequestPage(c *fiber.Ctx) error {
	return h.env.Render(c, fiber.StatusOK, "pages/password_reset", fiber.Map{"Form": &ResetRequestForm{}, "Errors": forms.Errors{}})
}

// ResetRequest mails a reset link to each account with the address. The
// answer is the same whether an account has it or not (no account
// enumeration), and the mail goes out after the answer, so its time does
// not tell either.
func (h *Handler) ResetRequest(c *fiber.Ctx) error {
	f := new(ResetRequestForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	l := web.Locale(c)
	if errs := f.Validate(l); errs.Any() {
		return h.env.Render(c, fiber.StatusUnprocessableEntity, "pages/password_reset", fiber.Map{"Form": f, "Errors": errs})
	}
	ctx, now, ip := c.UserContext(), h.env.Now(), web.ClientIP(c)
	wait, err := h.env.Store.ReservePasswordReset(ctx, f.Email, ip, now,
		db.Limit{Column: "email", Value: db.NormalEmail(f.Email), Max: resetsPerAddress, Window: resetWindow},
		db.Limit{Column: "ip", Value: ip, Max: resetsPerIP, Window: resetWindow})
	if err != nil {
		return err
	}
	if wait > 0 {
		mins := int(wait.Minutes()) + 1
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(wait.Seconds())+1))
		return h.env.Render(c, fiber.StatusTooManyRequests, "pages/password_reset", fiber.Map{"Form": f,
			"Errors": forms.Errors{"": l.T("Too many requests for a reset link. Try again in %d minutes.", mins)}})
	}
	users, err := h.env.Store.UsersByEmail(ctx, f.Email, accountsPerEmail)
	if err != nil {
		return err
	}
	var mails []alerts.Mail
	for _, u := range users {
		token, hash := alerts.NewToken()
		if err := h.env.Store.CreatePasswordReset(ctx, u.ID, hash, now, now.Add(resetLifetime)); err != nil {
			return err
		}
		mails = append(mails, alerts.ComposePasswordReset(h.env.Config.BaseURL, l.Code, u.Username, u.Email, token, resetLifetime, now))
	}
	go h.send(mails)
	return h.env.Render(c, fiber.StatusOK, "pages/password_reset", fiber.Map{"Sent": true, "Email": f.Email})
}

// send mails in the background; a failure is logged (the user can ask again).
func (h *Handler) send(mails []alerts.Mail) {
	for _, m := range mails {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		if err := h.mailer.Send(ctx, m); err != nil {
			h.env.Log.Warn("password reset mail failed", "err", err)
		}
		cancel()
	}
}

// ResetPage shows the new-password form of a valid link. Opening it
// changes nothing: mail scanners that follow links use nothing up.
func (h *Handler) ResetPage(c *fiber.Ctx) error {
	if _, err := h.resetUser(c); err != nil {
		return h.badLink(c, err)
	}
	return h.renderReset(c, fiber.StatusOK, &SetPasswordForm{}, nil)
}

// Reset sets the new password of a valid link, uses the link up and ends
// every session of the account, with their live streams.
func (h *Handler) Reset(c *fiber.Ctx) error {
	u, err := h.resetUser(c)
	if err != nil {
		return h.badLink(c, err)
	}
	f := new(SetPasswordForm)
	if err := c.BodyParser(f); err != nil {
		return fiber.ErrBadRequest
	}
	if errs := f.Validate(web.Locale(c), u.Username, u.Email); errs.Any() {
		return h.renderReset(c, fiber.StatusUnprocessableEntity, f, errs)
	}
	hash, err := h.hash(c, f.NewPassword1)
	if err != nil {
		return err
	}
	userID, ended, err := h.env.Store.ResetPassword(c.UserContext(), alerts.HashToken(c.Params("token")), hash, h.env.Now())
	if err != nil {
		return h.badLink(c, err) // used meanwhile by a parallel request
	}
	h.endSessions(c, ended)
	if me := web.User(c); me != nil && me.ID == userID {
		// This browser's session was one of them: its cookies go too.
		if err := h.env.LogOut(c); err != nil {
			return err
		}
	}
	return h.env.Render(c, fiber.StatusOK, "pages/password_reset_done", nil)
}

func (h *Handler) resetUser(c *fiber.Ctx) (*db.User, error) {
	return h.env.Store.PasswordResetUser(c.UserContext(), alerts.HashToken(c.Params("token")), h.env.Now())
}

// badLink answers an unknown, used or expired link with 404 and says so.
func (h *Handler) badLink(c *fiber.Ctx, err error) error {
	if !errors.Is(err, db.ErrNotFound) {
		return err
	}
	return h.env.Render(c, fiber.StatusNotFound, "pages/password_reset_confirm", fiber.Map{"Invalid": true})
}

func (h *Handler) renderReset(c *fiber.Ctx, status int, f *SetPasswordForm, errs forms.Errors) error {
	f.NewPassword1, f.NewPassword2 = "", "" // never echo a password back
	return h.env.Render(c, status, "pages/password_reset_confirm", fiber.Map{
		"Form": f, "Errors": errs, "Action": "/password-reset/" + alerts.TokenShape(c.Params("token")) + "/",
	})
}

// hash hashes a new password in a hashing slot.
func (h *Handler) hash(c *fiber.Ctx, pw string) (string, error) {
	var hash string
	var hashErr error
	if err := h.withHashSlot(c, func() { hash, hashErr = hashPassword(pw) }); err != nil {
		return "", err
	}
	return hash, hashErr
}

// endSessions tells the live hub (every instance) that these sessions
// ended, so their streams end too; a failure is only logged: the sessions
// are gone already.
func (h *Handler) endSessions(c *fiber.Ctx, ids []string) {
	if h.env.SessionEnded == nil {
		return
	}
	for _, id := range ids {
		if err := h.env.SessionEnded(c.UserContext(), id); err != nil {
			h.env.Log.Warn("ending the session's streams", "err", err)
		}
	}
}
