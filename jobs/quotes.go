package jobs

import (
	"context"
	"errors"

	"github.com/stonks-b3/stonks/app/quotes"
)

// Quotes is the quote job: every QUOTES_INTERVAL it asks the provider, in one
// batched call, for the tickers someone watches right now (nobody watching:
// no upstream call), and hands the quotes that changed to publish, which
// renders each row once per language and sends it to the quote rooms.
func Quotes(svc *quotes.Service, watched func() []string, publish func(context.Context, []quotes.Quote) error) func(context.Context) error {
	return func(ctx context.Context) error {
		tickers := watched()
		if len(tickers) == 0 {
			return nil
		}
		// Publish what changed even when saving it failed: memory has already
		// moved on, so the next tick would see no change and open pages would
		// never get this price.
		_, changed, err := svc.Refresh(ctx, tickers)
		if len(changed) > 0 {
			err = errors.Join(err, publish(ctx, changed))
		}
		return err
	}
}
