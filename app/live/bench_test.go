package live

import (
	"bytes"
	"context"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// countSink stands in for fasthttp's writer: it counts delivered frames.
type countSink struct {
	total  *atomic.Int64
	target *atomic.Int64
	done   chan struct{}
}

var idLine = []byte("id: ")

func (s countSink) Write(p []byte) (int, error) {
	if n := int64(bytes.Count(p, idLine)); n > 0 && s.total.Add(n) >= s.target.Load() {
		select {
		case s.done <- struct{}{}:
		default:
		}
	}
	return len(p), nil
}

func (countSink) Flush() error { return nil }

// BenchmarkFanout publishes one quote fragment to a stream with 1k or 10k
// in-process subscribers and waits until every subscriber's writer got it.
func BenchmarkFanout(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) { benchFanout(b, n) })
	}
}

func benchFanout(b *testing.B, n int) {
	f := startFanout(b, n)
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	b.ResetTimer()
	for range b.N {
		f.publish(b)
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms1)
	deliveries := float64(b.N) * float64(n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/deliveries, "ns/delivery")
	b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/deliveries, "allocs/delivery")
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/deliveries, "B/delivery")
}

// TestFanoutAllocs: delivering one event to many subscribers costs about
// one allocation per subscriber at most (the one r3labs' ServeHTTP makes
// per event, see doc.go), not one per line of the frame. Before the hub
// framed each event once, it was six.
func TestFanoutAllocs(t *testing.T) {
	const n, events = 500, 20
	f := startFanout(t, n)
	f.publish(t) // warm up buffers
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	for range events {
		f.publish(t)
	}
	runtime.ReadMemStats(&ms1)
	per := float64(ms1.Mallocs-ms0.Mallocs) / (n * events)
	t.Logf("%.2f allocations per delivery", per)
	if per > 1.5 {
		t.Fatalf("%.2f allocations per delivered event, want at most ~1", per)
	}
}

type fanout struct {
	h      *Hub
	n      int
	sent   int64
	total  *atomic.Int64
	target *atomic.Int64
	sink   countSink
	ev     Event
}

// startFanout starts n in-process subscribers of one quote room.
func startFanout(tb testing.TB, n int) *fanout {
	h, err := New(NewMemoryBroker(), Options{Heartbeat: time.Hour})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { h.Close() })
	h.AllowDefaults(testExists{})
	id := QuoteRoom("pt-BR", []string{"PETR4", "VALE3"})
	f := &fanout{h: h, n: n, total: new(atomic.Int64), target: new(atomic.Int64)}
	f.target.Store(1 << 62)
	f.sink = countSink{total: f.total, target: f.target, done: make(chan struct{}, 1)}
	for range n {
		sub := h.newSubscriber([]string{id}, Viewer{}, "", nil)
		go h.serve(f.sink, sub)
	}
	deadline := time.Now().Add(time.Minute)
	for h.Subscribers(id) != n {
		if time.Now().After(deadline) {
			tb.Fatal("subscribers did not start")
		}
		time.Sleep(time.Millisecond)
	}
	f.ev = Event{Stream: id, Name: "PETR4", Data: `<td id="PETR4-last">R$ 38,41</td>` + "\n" + `<td id="PETR4-chg" class="up">+1,02%</td>`}
	return f
}

// publish publishes one event and waits until every subscriber's writer
// got it.
func (f *fanout) publish(tb testing.TB) {
	f.sent++
	f.target.Store(f.sent * int64(f.n))
	if err := f.h.Publish(context.Background(), f.ev); err != nil {
		tb.Fatal(err)
	}
	for f.total.Load() < f.target.Load() {
		<-f.sink.done
	}
}
