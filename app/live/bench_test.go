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
	h, err := New(NewMemoryBroker(), Options{Heartbeat: time.Hour})
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	h.AllowDefaults(testExists{})
	id := QuoteRoom("pt-BR", []string{"PETR4", "VALE3"})
	var total, target atomic.Int64
	target.Store(1 << 62)
	sink := countSink{total: &total, target: &target, done: make(chan struct{}, 1)}
	for range n {
		sub := h.newSubscriber([]string{id}, Viewer{}, "", nil)
		go h.serve(sink, sub)
	}
	deadline := time.Now().Add(time.Minute)
	for h.Subscribers(id) != n {
		if time.Now().After(deadline) {
			b.Fatal("subscribers did not start")
		}
		time.Sleep(time.Millisecond)
	}
	ev := Event{Stream: id, Name: "PETR4", Data: `<td id="PETR4-last">R$ 38,41</td>` + "\n" + `<td id="PETR4-chg" class="up">+1,02%</td>`}
	ctx := context.Background()

	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	b.ResetTimer()
	for i := range b.N {
		target.Store(int64(i+1) * int64(n))
		if err := h.Publish(ctx, ev); err != nil {
			b.Fatal(err)
		}
		for total.Load() < target.Load() {
			<-sink.done
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms1)
	deliveries := float64(b.N) * float64(n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/deliveries, "ns/delivery")
	b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/deliveries, "allocs/delivery")
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/deliveries, "B/delivery")
}
