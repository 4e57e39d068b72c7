package live

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestIdleFootprint measures what idle subscribers cost this process: set
// LIVE_FOOTPRINT=N (mind ulimit -n: two descriptors per subscriber here)
// and, for heap and goroutine profiles, LIVE_PROFILE_DIR. A measurement,
// not a check: see docs/performance.md and doc.go.
func TestIdleFootprint(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("LIVE_FOOTPRINT"))
	if n <= 0 {
		t.Skip("set LIVE_FOOTPRINT=N to measure N idle subscribers")
	}
	s := newServer(t, Options{Heartbeat: time.Hour}, nil)
	id := QuoteRoom("pt-BR", []string{"PETR4", "VALE3"})
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	g0 := runtime.NumGoroutine()
	for i := range n {
		c, err := dial(s.addr, id, nil)
		if err != nil {
			t.Fatalf("subscriber %d: %v", i, err)
		}
		t.Cleanup(func() { c.conn.Close() })
	}
	s.waitSubs(t, id, n)
	runtime.GC()
	runtime.ReadMemStats(&ms1)
	g1 := runtime.NumGoroutine()
	per := func(a, b uint64) float64 { return (float64(b) - float64(a)) / float64(n) / 1024 }
	// Both ends of each connection are in this process: the client's share
	// is one goroutine-free net.Conn plus a 4 KiB bufio.Reader and
	// http.Response, counted here too.
	t.Logf("%d idle subscribers: %.2f goroutines each; heap in use %.1f KiB, stacks %.1f KiB, all from the OS %.1f KiB each (client side included)",
		n, float64(g1-g0)/float64(n), per(ms0.HeapInuse, ms1.HeapInuse), per(ms0.StackInuse, ms1.StackInuse), per(ms0.Sys, ms1.Sys))
	if dir := os.Getenv("LIVE_PROFILE_DIR"); dir != "" {
		for _, p := range []string{"heap", "goroutine"} {
			f, err := os.Create(filepath.Join(dir, p+".pprof"))
			if err != nil {
				t.Fatal(err)
			}
			if err := pprof.Lookup(p).WriteTo(f, 0); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
	}
}

// BenchmarkIdleSubscriberHeap reports the heap an idle subscriber keeps
// after one 6 KiB event (client and server both in this process: the
// client's share is about 9–10 KiB). It used to keep fasthttp's request
// context and reader, which a stream never uses, and buffers as big as the
// last event; docs/performance.md has the figures. A benchmark, not a test:
// a memory figure is reported, not asserted.
//
//	go test -run '^$' -bench IdleSubscriberHeap -benchtime 1x ./app/live/
func BenchmarkIdleSubscriberHeap(b *testing.B) {
	const n = 1000
	for b.Loop() {
		s := newServer(b, Options{Heartbeat: time.Hour}, nil)
		id := QuoteRoom("pt-BR", []string{"PETR4", "VALE3"})
		var ms0, ms1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		cs := make([]*rawClient, n)
		for i := range cs {
			c, err := dial(s.addr, id, nil)
			if err != nil {
				b.Fatalf("subscriber %d: %v", i, err)
			}
			cs[i] = c
		}
		s.waitSubs(b, id, n)
		s.publish(b, id, "PETR4", strings.Repeat("<td>R$ 38,41</td>\n", 320)) // ~6 KiB
		for _, c := range cs {
			if f := c.nextEvent(b); f.event != "PETR4" {
				b.Fatalf("got %+v", f)
			}
		}
		runtime.GC()
		runtime.GC() // and once more to empty sync.Pools, as a running server's GCs do
		runtime.ReadMemStats(&ms1)
		b.ReportMetric((float64(ms1.HeapInuse)-float64(ms0.HeapInuse))/n/1024, "KiB/subscriber")
		for _, c := range cs {
			c.conn.Close()
		}
	}
}
