package migrations

import (
	"context"

	"github.com/stonks-b3/stonks/db/data"
	"github.com/uptrace/bun"
)

func init() {
	All.MustRegister(func(ctx context.Context, db *bun.DB) error {
		err := exec(ctx, db,
			`CREATE TABLE assets (
				ticker VARCHAR(12) PRIMARY KEY,
				name VARCHAR(200) NOT NULL,
				sector VARCHAR(100) NOT NULL,
				market VARCHAR(8) NOT NULL
			)`,
			`CREATE INDEX assets_market ON assets (market, ticker)`,
			// The latest quote per ticker, as the providers returned it: a cache
			// that survives restarts, so pages have prices before the first poll.
			`CREATE TABLE quotes (
				ticker VARCHAR(12) PRIMARY KEY,
				price {{DEC}} NOT NULL,
				prev_close {{DEC}} NOT NULL,
				open {{DEC}} NOT NULL,
				day_low {{DEC}} NOT NULL,
				day_high {{DEC}} NOT NULL,
				low52 {{DEC}} NOT NULL,
				high52 {{DEC}} NOT NULL,
				volume BIGINT NOT NULL,
				market_cap {{DEC}} NOT NULL,
				at {{TS}} NOT NULL,
				stale BOOLEAN NOT NULL DEFAULT FALSE
			)`,
		)
		if err != nil {
			return err
		}
		// Seed IBOV and IFIX from the embedded lists in db/data.
		// The row type is the migration's own, so later model changes cannot alter it.
		type asset struct {
			bun.BaseModel `bun:"table:assets"`
			Ticker        string `bun:"ticker,pk"`
			Name, Sector  string
			Market        string
		}
		rows := make([]asset, 0, len(data.Assets()))
		for _, a := range data.Assets() {
			rows = append(rows, asset{Ticker: a.Ticker, Name: a.Name, Sector: a.Sector, Market: a.Market})
		}
		_, err = db.NewInsert().Model(&rows).Exec(ctx)
		return err
	}, func(ctx context.Context, db *bun.DB) error {
		return exec(ctx, db, `DROP TABLE quotes`, `DROP TABLE assets`)
	})
}
