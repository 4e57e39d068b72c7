package live_test

import (
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/live"
)

// Wiring the hub into the app: one hub per process, one route, hooks for
// features, and Shutdown before the Fiber app's Shutdown.
func Example() {
	hub, err := live.New(live.NewMemoryBroker(), live.Options{})
	if err != nil {
		panic(err)
	}
	hub.AllowDefaults()

	// The quote job: a fresh snapshot for each new subscriber, and the set
	// of tickers to poll is whatever quote rooms are watched right now.
	hub.OnSubscribe(func(c live.Change) {
		if _, tickers, ok := live.ParseQuoteRoom(c.Stream); ok && !c.Resumed {
			for _, t := range tickers {
				_ = hub.Publish(context.Background(), live.Event{
					Stream: c.Stream, Name: t, Data: "<td>" + t + "</td>", // rendered by the template
				})
			}
		}
	})
	_ = hub.Active(live.QuotesPrefix)

	app := fiber.New()
	app.Get("/sse", hub.Handler(func(c *fiber.Ctx) (int64, bool) {
		uid, ok := c.Locals("userID").(int64) // whatever the session middleware sets
		return uid, ok
	}))

	// In a template: <div hx-ext="sse" sse-connect="/sse?stream={{ .Room }}">
	//                  <span sse-swap="PETR4"></span></div>
	room := live.QuoteRoom("pt-BR", strings.Fields("VALE3 PETR4"))
	_ = room // "quotes-pt-BR-PETR4_VALE3"

	// On SIGTERM:
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = hub.Shutdown(ctx)
	_ = app.ShutdownWithContext(ctx)
}
