package quotes_test

import (
	"context"
	"fmt"
	"time"

	"github.com/stonks-b3/stonks/app/quotes"
)

// The app picks the provider by name (e.g. from QUOTES_PROVIDER) and passes
// BRAPI_TOKEN as Options.Token; "sim" needs nothing and is reproducible.
func ExampleNew() {
	now := time.Date(2025, 6, 18, 14, 30, 0, 0, quotes.BRT)
	p, err := quotes.New("sim", quotes.Options{Seed: 1, Clock: func() time.Time { return now }})
	if err != nil {
		panic(err)
	}
	qs, _ := p.Quotes(context.Background(), []string{"PETR4", "HGLG11", "NOPE3"})
	fmt.Println(len(qs), qs["PETR4"].Time.Format(time.TimeOnly), qs["PETR4"].Price.Exponent() >= -2)
	bars, _ := p.History(context.Background(), "HGLG11", now.AddDate(0, 0, -7), now)
	fmt.Println(len(bars), bars[len(bars)-1].Close.Equal(qs["HGLG11"].Price))
	// Output:
	// 2 14:30:00 true
	// 6 true
}
