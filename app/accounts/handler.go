// Package accounts is sign-up, login, logout and profiles.
package accounts

import "github.com/stonks-b3/stonks/app/web"

// Handler serves the account pages; one file per action.
type Handler struct {
	env *web.Env
}

// New makes the account handlers.
func New(env *web.Env) *Handler { return &Handler{env: env} }
