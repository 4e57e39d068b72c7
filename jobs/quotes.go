package jobs

import (
	"context"

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
		_, changed, err := svc.Refresh(ctx, tickers)
		if err != nil {
			return err
		}
		return publish(ctx, changed)
	}
}
