package server_test

import (
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// An https BASE_URL makes browsers stick to https; plain http must not send it.
func TestStrictTransportSecurity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, store *db.Store) {
		for base, want := range map[string]string{
			"https://stonks.example": "max-age=63072000; includeSubDomains",
			"http://localhost:8080":  "",
		} {
			cfg := apptest.Config(t)
			cfg.BaseURL = base
			r := apptest.NewClient(t, apptest.New(t, store, &cfg)).Get("/login/")
			if got := r.Header.Get("Strict-Transport-Security"); got != want {
				t.Errorf("BASE_URL=%s: Strict-Transport-Security %q, want %q", base, got, want)
			}
		}
	})
}
