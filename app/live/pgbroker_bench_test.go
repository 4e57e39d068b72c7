package live

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stonks-b3/stonks/db"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// cluster3 opens three instances' brokers on one PostgreSQL schema, each
// on its own connection pool: nothing shared but the database.
func cluster3(b *testing.B) []*PGBroker {
	b.Helper()
	if !dbtest.HavePostgres(b) {
		b.Skip("TEST_DATABASE_URL is not set")
	}
	dsn := dbtest.PostgresURL(b)
	var out []*PGBroker
	for i := range 3 {
		store, err := db.Open(dsn)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { store.Close() })
		if i == 0 {
			if _, err := store.Migrate(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
		schema, err := store.Schema(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		br, err := NewPGBroker(context.Background(), store.DB.DB, store, "bench_"+schema)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(br.Close)
		out = append(out, br)
	}
	return out
}

// BenchmarkPGBrokerThroughput: three instances publish as fast as they can;
// every notification is received by all three listeners.
func BenchmarkPGBrokerThroughput(b *testing.B) {
	brs := cluster3(b)
	var got atomic.Int64
	for _, br := range brs {
		if _, err := br.Subscribe(func(Event) { got.Add(1) }); err != nil {
			b.Fatal(err)
		}
	}
	ev := Event{Stream: factPrefix + "quotes", Data: `{"t":"PETR4","p":"38.41","at":1764300000000000000}`}
	ctx := context.Background()
	b.ResetTimer()
	var wg sync.WaitGroup
	for i, br := range brs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := i; j < b.N; j += len(brs) {
				if err := br.Publish(ctx, ev); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	for deadline := time.Now().Add(time.Minute); got.Load() < int64(3*b.N); {
		if time.Now().After(deadline) {
			b.Fatalf("received %d of %d", got.Load(), 3*b.N)
		}
		time.Sleep(time.Millisecond)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notifications/s")
	b.ReportMetric(float64(3*b.N)/b.Elapsed().Seconds(), "receptions/s")
}

// latencySink records, for each frame, the time since the publish time
// carried in its data.
type latencySink struct {
	mu     *sync.Mutex
	lat    *[]time.Duration
	total  *atomic.Int64
	target *atomic.Int64
	done   chan struct{}
}

var dataLine = []byte("data: ")

func (s latencySink) Write(p []byte) (int, error) {
	now, n := time.Now(), len(p)
	for {
		i := bytes.Index(p, dataLine)
		if i < 0 {
			break
		}
		p = p[i+len(dataLine):]
		end := bytes.IndexByte(p, '\n')
		if end < 0 {
			break
		}
		if ns, err := strconv.ParseInt(string(p[:end]), 10, 64); err == nil {
			s.mu.Lock()
			*s.lat = append(*s.lat, now.Sub(time.Unix(0, ns)))
			s.mu.Unlock()
			if s.total.Add(1) >= s.target.Load() {
				select {
				case s.done <- struct{}{}:
				default:
				}
			}
		}
	}
	return n, nil
}

func (latencySink) Flush() error { return nil }

// BenchmarkCrossInstanceLatency publishes on one instance and measures
// publish-to-delivery latency at 1,000 subscribers: spread over three
// instances through PostgreSQL, and on one instance in-process for
// comparison.
func BenchmarkCrossInstanceLatency(b *testing.B) {
	b.Run("pg-3x", func(b *testing.B) {
		brs := cluster3(b)
		bs := make([]Broker, len(brs))
		for i, br := range brs {
			bs[i] = br
		}
		benchLatency(b, bs, 1000)
	})
	b.Run("memory-1x", func(b *testing.B) { benchLatency(b, []Broker{NewMemoryBroker()}, 1000) })
}

func benchLatency(b *testing.B, brokers []Broker, subs int) {
	var hubs []*Hub
	for _, br := range brokers {
		h, err := New(br, Options{Heartbeat: time.Hour, ReplayEvents: -1})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = h.Close() })
		hubs = append(hubs, h)
	}
	id := Room(1)
	var mu sync.Mutex
	var lat []time.Duration
	var total, target atomic.Int64
	target.Store(1 << 62)
	sink := latencySink{mu: &mu, lat: &lat, total: &total, target: &target, done: make(chan struct{}, 1)}
	for i := range subs {
		h := hubs[i%len(hubs)]
		go h.serve(sink, h.newSubscriber([]string{id}, Viewer{}, "", nil))
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(time.Millisecond) {
		n := 0
		for _, h := range hubs {
			n += h.Subscribers(id)
		}
		if n == subs {
			break
		}
		if time.Now().After(deadline) {
			b.Fatal("subscribers did not start")
		}
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		target.Store(int64(i+1) * int64(subs))
		ev := Event{Stream: id, Name: "tick", Data: strconv.FormatInt(time.Now().UnixNano(), 10)}
		if err := hubs[0].Publish(ctx, ev); err != nil {
			b.Fatal(err)
		}
		for total.Load() < target.Load() {
			<-sink.done
		}
	}
	b.StopTimer()
	mu.Lock()
	defer mu.Unlock()
	slices.Sort(lat)
	if len(lat) == 0 {
		return
	}
	q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.50), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(q(1), "max-ms")
	b.ReportMetric(0, "ns/op")
}
