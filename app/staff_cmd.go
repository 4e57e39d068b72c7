package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/stonks-b3/stonks/db"
)

// grantStaff is `stonks staff USERNAME [--revoke]`: the only way to get (or
// lose) the staff role; the web has none.
func grantStaff(ctx context.Context, store *db.Store, username string, grant bool, now time.Time) error {
	u, err := store.SetStaff(ctx, username, grant, now)
	if errors.Is(err, db.ErrNotFound) {
		return fmt.Errorf("staff: no user %q", username)
	}
	if err != nil {
		return err
	}
	if grant {
		fmt.Printf("%s is now staff\n", u.Username)
	} else {
		fmt.Printf("%s is no longer staff\n", u.Username)
	}
	return nil
}
