package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/db"
)

const (
	sessionCookie = "stonks_session"
	sessionTTL    = 14 * 24 * time.Hour
)

// Sessions loads the logged-in user from the session cookie, sliding the
// expiry forward once half of it has passed (one write a week, not per request).
func (e *Env) Sessions() fiber.Handler {
	return func(c *fiber.Ctx) error {
		token := c.Cookies(sessionCookie)
		if token == "" || strings.HasPrefix(c.Path(), "/embed/") {
			return c.Next() // the embed is public and must not touch cookies
		}
		now := e.Now()
		hash := hashToken(token)
		sess, u, err := e.Store.SessionUser(c.UserContext(), hash, now)
		switch {
		case errors.Is(err, db.ErrNotFound):
			expireCookie(c, sessionCookie, e.Config.SecureCookies())
			return c.Next()
		case err != nil:
			return err
		}
		if sess.ExpiresAt.Sub(now) < sessionTTL/2 {
			expires := now.Add(sessionTTL)
			if err := e.Store.ExtendSession(c.UserContext(), hash, expires); err != nil {
				return err
			}
			e.setSessionCookie(c, token, expires)
			sess.ExpiresAt = expires
		}
		c.Locals(userKey, u)
		c.Locals(sessionKey, sessionInfo{id: hash, expires: sess.ExpiresAt})
		return c.Next()
	}
}

// LogIn starts a new session for u. Any session the browser had is deleted
// and the id is new (no fixation), and the CSRF token is rotated too.
func (e *Env) LogIn(c *fiber.Ctx, u *db.User) error {
	if old := c.Cookies(sessionCookie); old != "" {
		if err := e.Store.DeleteSession(c.UserContext(), hashToken(old)); err != nil {
			return err
		}
		e.sessionEnded(c, hashToken(old))
	}
	token := randomToken()
	now := e.Now()
	expires := now.Add(sessionTTL)
	if err := e.Store.CreateSession(c.UserContext(), hashToken(token), u.ID, now, expires); err != nil {
		return err
	}
	e.setSessionCookie(c, token, expires)
	newCSRFCookie(c, e.Config.SecureCookies())
	c.Locals(userKey, u)
	return nil
}

// LogOut deletes the session on the server and the cookie in the browser.
func (e *Env) LogOut(c *fiber.Ctx) error {
	if token := c.Cookies(sessionCookie); token != "" {
		if err := e.Store.DeleteSession(c.UserContext(), hashToken(token)); err != nil {
			return err
		}
		e.sessionEnded(c, hashToken(token))
	}
	expireCookie(c, sessionCookie, e.Config.SecureCookies())
	newCSRFCookie(c, e.Config.SecureCookies())
	c.Locals(userKey, nil)
	return nil
}

// sessionEnded tells the live hub (on every instance) to end the session's
// event streams. A failure is logged: the session itself is gone already.
func (e *Env) sessionEnded(c *fiber.Ctx, id string) {
	if e.SessionEnded == nil {
		return
	}
	if err := e.SessionEnded(c.UserContext(), id); err != nil {
		e.Log.Warn("ending the session's streams", "err", err)
	}
}

// Session is the request's session: its id (the token hash, as live
// streams record it) and expiry; ok is false without a session.
func Session(c *fiber.Ctx) (id string, expires time.Time, ok bool) {
	s, ok := c.Locals(sessionKey).(sessionInfo)
	return s.id, s.expires, ok
}

type sessionInfo struct {
	id      string
	expires time.Time
}

// expireCookie deletes a cookie in the browser. Not c.ClearCookie: that
// sends no Path, and a browser deletes only the cookie whose path matches, so
// ours (Path=/) would stay everywhere but under the current directory.
func expireCookie(c *fiber.Ctx, name string, secure bool) {
	c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: "/", Expires: time.Unix(1, 0), MaxAge: -1,
		HTTPOnly: true, Secure: secure, SameSite: fiber.CookieSameSiteLaxMode})
}

func (e *Env) setSessionCookie(c *fiber.Ctx, token string, expires time.Time) {
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: token, Path: "/", Expires: expires,
		HTTPOnly: true, Secure: e.Config.SecureCookies(), SameSite: fiber.CookieSameSiteLaxMode})
}

// RequireUser sends visitors without a session to the login page, then back.
func RequireUser(c *fiber.Ctx) error {
	if User(c) != nil {
		return c.Next()
	}
	status := fiber.StatusFound
	if c.Method() != fiber.MethodGet {
		status = fiber.StatusSeeOther
	}
	return c.Redirect("/login/?next="+url.QueryEscape(c.OriginalURL()), status)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
