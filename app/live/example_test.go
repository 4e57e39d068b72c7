package live_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/stonks-b3/stonks/app/live"
)

// catalogue stands in for the database: two listed tickers and room 1.
type catalogue struct{}

func (catalogue) Listed(t string) bool { return t == "PETR4" || t == "VALE3" }
func (catalogue) RoomExists(_ context.Context, n int64) (bool, error) {
	return n == 1, nil
}

// Wiring the hub into the app: one hub per process, one route, the rules
// that decide who may watch what, and Shutdown before the Fiber app's.
func Example() {
	hub, err := live.New(live.NewMemoryBroker(), live.Options{})
	if err != nil {
		panic(err)
	}
	hub.AllowDefaults(catalogue{})

	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/sse", hub.Handler(func(c *fiber.Ctx) live.Viewer {
		uid, ok := c.Locals("userID").(int64) // whatever the session middleware sets
		return live.Viewer{UserID: uid, LoggedIn: ok}
	}))

	// One set of tickers is one stream, however the page spelled them. In a
	// template: <div hx-ext="sse" sse-connect="/sse?stream={{ .Room }}">
	//             <tr sse-swap="PETR4">…</tr></div>
	room := live.QuoteRoom("pt-BR", strings.Fields("vale3 PETR4 VALE3"))
	fmt.Println(room)

	ctx := context.Background()
	anon, ana := live.Viewer{}, live.Viewer{UserID: 7, LoggedIn: true}
	fmt.Println("quotes:", hub.Check(ctx, room, anon), "/", hub.Check(ctx, live.QuoteRoom("en", []string{"ZZZZ3"}), anon))
	fmt.Println("room 1:", hub.Check(ctx, live.Room(1), anon), "/", hub.Check(ctx, live.Room(1), ana))
	fmt.Println("room 2:", hub.Check(ctx, live.Room(2), ana))
	fmt.Println("user 7:", hub.Check(ctx, live.User(7), ana), "/", hub.Check(ctx, live.User(8), ana))

	// On SIGTERM: streams first, then the app.
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	fmt.Println(hub.Shutdown(ctx), app.ShutdownWithContext(ctx))
	// Output:
	// quotes-pt-BR-PETR4_VALE3
	// quotes: allowed / not found
	// room 1: forbidden / allowed
	// room 2: not found
	// user 7: allowed / forbidden
	// <nil> <nil>
}
