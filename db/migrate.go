package db

import (
	"context"
	"fmt"

	"github.com/stonks-b3/stonks/db/migrations"
	"github.com/uptrace/bun/migrate"
)

// Migrate applies the pending migrations and returns how many ran.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	m := migrate.NewMigrator(s.DB, migrations.All, migrate.WithMarkAppliedOnSuccess(true))
	if err := m.Init(ctx); err != nil {
		return 0, fmt.Errorf("migrations: init: %w", err)
	}
	if err := m.Lock(ctx); err != nil {
		return 0, fmt.Errorf("migrations: lock: %w", err)
	}
	defer m.Unlock(ctx) //nolint:errcheck
	group, err := m.Migrate(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	return len(group.Migrations), nil
}
