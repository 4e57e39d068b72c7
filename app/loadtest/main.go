// Command loadtest drives load at the app: `go run ./app/loadtest sse` (the
// live path) or `go run ./app/loadtest pages` (page speed). Each mode lives
// in its own file and registers itself in init.
package main

import (
	"fmt"
	"os"
)

// The modes; nil until their file sets them.
var (
	sseMode   func(args []string) error
	pagesMode func(args []string) error
)

func main() {
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	var run func([]string) error
	switch mode {
	case "sse":
		run = sseMode
	case "pages":
		run = pagesMode
	}
	if run == nil {
		fmt.Fprintln(os.Stderr, "usage: loadtest sse|pages [flags]")
		os.Exit(2)
	}
	if err := run(os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}
