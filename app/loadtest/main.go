// Command loadtest loads a running Stonks server on this machine, to
// measure the live path and the pages (docs/performance.md):
//
//	go run ./app/loadtest sse   [flags]  # N raw-socket SSE subscribers over M quote rooms
//	go run ./app/loadtest pages [flags]  # page requests
//
// It only ever targets loopback addresses, and every run is bounded in
// count and time.
package main

import (
	"fmt"
	"os"
)

// pagesMode is the "pages" subcommand; pages.go sets it in its init.
var pagesMode func(args []string) error

func main() {
	modes := map[string]func([]string) error{"sse": runSSE}
	if pagesMode != nil {
		modes["pages"] = pagesMode
	}
	if len(os.Args) < 2 || modes[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: loadtest sse|pages [flags] (loadtest MODE -h for the flags)")
		os.Exit(2)
	}
	if err := modes[os.Args[1]](os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}
