// Command loadtest loads Stonks on this machine, to measure the live path
// and the pages (docs/performance.md):
//
//	go run ./app/loadtest sse   [flags]  # N raw-socket SSE subscribers over M quote rooms of a running server
//	go run ./app/loadtest pages [flags]  # page requests, in-process on PostgreSQL or against a running server
//
// It only ever targets loopback addresses, and every run is bounded in
// count and time.
package main

import (
	"fmt"
	"os"
)

func main() {
	modes := map[string]func([]string) error{"sse": runSSE, "pages": pages}
	if len(os.Args) < 2 || modes[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: loadtest sse|pages [flags] (loadtest MODE -h for the flags)")
		os.Exit(2)
	}
	if err := modes[os.Args[1]](os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}
