package server_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// A test server leaves no goroutine behind when its test ends (the hub's
// janitor and broker, the scheduler's loop): a suite builds hundreds.
// Not parallel, so the count is this test's alone; the first server warms
// up what runs once per process, and only then is the baseline taken.
func TestServersLeaveNoGoroutines(t *testing.T) {
	build := func(n int) {
		t.Run("servers", func(t *testing.T) {
			for i := 0; i < n; i++ {
				srv := apptest.New(t, dbtest.SQLite(t), nil)
				apptest.NewClient(t, srv).Get("/login/")
			}
		})
	}
	build(1)
	base := runtime.NumGoroutine()
	build(5)
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines, %d before five servers:\n%s", runtime.NumGoroutine(), base, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}
