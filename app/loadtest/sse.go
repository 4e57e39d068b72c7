package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stonks-b3/stonks/app/live"
	"github.com/stonks-b3/stonks/db/data"
)

// runSSE opens N raw-socket SSE subscribers spread over M quote rooms (the
// rooms /embed/tracker opens for sets of tickers), holds them for a while
// and reports what they received. The server stamps each event with its
// publish time (a ": t=<unix ms>" comment line), so latency needs no clock
// but this machine's.
func runSSE(args []string) error {
	fs := flag.NewFlagSet("sse", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "server address; loopback only")
	n := fs.Int("n", 1000, "subscribers (each one connection; mind ulimit -n on both sides)")
	rooms := fs.Int("rooms", 100, "quote rooms the subscribers are spread over")
	per := fs.Int("tickers", 5, "tickers per room")
	lang := fs.String("lang", "pt-BR", "language of the rooms (pt-BR or en)")
	window := fs.Duration("duration", 30*time.Second, "how long to measure once all subscribers are connected")
	connectFor := fs.Duration("connect-timeout", 2*time.Minute, "give up connecting after this long")
	parallel := fs.Int("parallel", 64, "connections being opened at once")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := loopbackOnly(*addr); err != nil {
		return err
	}
	if *n < 1 || *n > 200_000 || *rooms < 1 || *per < 1 || *window <= 0 || *window > time.Hour {
		return errors.New("need 1 ≤ n ≤ 200000, rooms ≥ 1, tickers ≥ 1, 0 < duration ≤ 1h")
	}
	ids, err := quoteRooms(*lang, *rooms, *per)
	if err != nil {
		return err
	}

	rss0, rssErr := metric(*addr, "process_resident_memory_bytes")
	subs0, _ := metric(*addr, "stonks_live_subscribers")
	run := &sseRun{addr: *addr}
	t0 := time.Now()
	run.connect(ids, *n, *parallel, t0.Add(*connectFor))
	connected := time.Since(t0)
	// Let the server settle (first snapshots, GC) before reading its RSS.
	time.Sleep(2 * time.Second)
	rss1, _ := metric(*addr, "process_resident_memory_bytes")
	subs1, _ := metric(*addr, "stonks_live_subscribers")

	run.measuring.Store(true)
	start := time.Now()
	time.Sleep(*window)
	run.measuring.Store(false)
	measured := time.Since(start)
	held := run.held.Load() - run.dropped.Load()
	run.stop()

	fmt.Printf("sse: %d subscribers over %d rooms (%d tickers each, %s) on %s; connected in %s, measured %s\n",
		*n, len(ids), *per, *lang, *addr, connected.Round(time.Millisecond), measured.Round(time.Millisecond))
	fmt.Printf("held %d  failed %d  dropped %d\n", held, run.failed.Load(), run.dropped.Load())
	if e := run.firstErr.Load(); e != nil {
		fmt.Printf("first failure: %v\n", *e)
	}
	events := run.events.Load()
	fmt.Printf("events %d (%.0f/s), %d frames (%.0f/s), %.1f events per frame\n",
		events, float64(events)/measured.Seconds(), run.frames.Load(), float64(run.frames.Load())/measured.Seconds(),
		float64(events)/max(1, float64(run.frames.Load())))
	skew, lat := run.stats()
	fmt.Printf("fan-out skew       %s\n", skew)
	fmt.Printf("publish-to-receive %s\n", lat)
	if rssErr != nil {
		fmt.Printf("server RSS: %v\n", rssErr)
	} else if held > 0 {
		fmt.Printf("server RSS %.1f MiB before, %.1f MiB with %d subscribers (server counts %.0f → %.0f): %.1f KiB per subscriber\n",
			rss0/(1<<20), rss1/(1<<20), held, subs0, subs1, (rss1-rss0)/float64(held)/1024)
	}
	return nil
}

// loopbackOnly refuses any target but this machine's loopback.
func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	ips, err := net.LookupIP(host)
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s is not a loopback address: the load tool targets only this machine", addr)
		}
	}
	return nil
}

// quoteRooms are the stream ids of m rooms of per listed tickers each,
// taken in turn from the asset list.
func quoteRooms(lang string, m, per int) ([]string, error) {
	var all []string
	for _, a := range data.Assets() {
		all = append(all, a.Ticker)
	}
	ids := make([]string, m)
	for r := range ids {
		ts := make([]string, per)
		for k := range ts {
			ts[k] = all[(r*per+k)%len(all)]
		}
		if ids[r] = live.QuoteRoom(lang, ts); ids[r] == "" {
			return nil, fmt.Errorf("no quote room for %s %v", lang, ts)
		}
	}
	return ids, nil
}

// metric reads one unlabelled series from the server's /metrics.
func metric(addr, name string) (float64, error) {
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get("http://" + addr + "/metrics")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			return strconv.ParseFloat(v, 64)
		}
	}
	return 0, fmt.Errorf("no %s in /metrics", name)
}

type sseRun struct {
	addr string

	mu    sync.Mutex
	conns []net.Conn
	recs  [][]rec // per subscriber, appended only by its reader
	wg    sync.WaitGroup

	measuring, stopping   atomic.Bool
	held, failed, dropped atomic.Int64
	events, frames        atomic.Int64
	firstErr              atomic.Pointer[error]
}

// rec is one event as one subscriber received it.
type rec struct {
	room int32
	name string
	sent int64 // the server's publish stamp, unix ms
	ts   int64 // the first row's data-ts, unix ms
	recv int64 // unix ns
}

// connect opens n subscribers, subscriber i to room i mod len(ids), each
// from its own source address in 127.0.0.0/8 so that the client side never
// runs out of ephemeral ports.
func (r *sseRun) connect(ids []string, n, parallel int, deadline time.Time) {
	r.recs = make([][]rec, n)
	sem := make(chan struct{}, max(1, parallel))
	var dialing sync.WaitGroup
	for i := range n {
		if time.Now().After(deadline) {
			r.fail(fmt.Errorf("connect timeout after %d subscribers", i))
			r.failed.Add(int64(n - i))
			break
		}
		sem <- struct{}{}
		dialing.Add(1)
		go func() {
			defer dialing.Done()
			defer func() { <-sem }()
			conn, br, err := r.dial(i, ids[i%len(ids)], deadline)
			if err != nil {
				r.failed.Add(1)
				r.fail(err)
				return
			}
			r.held.Add(1)
			r.mu.Lock()
			r.conns = append(r.conns, conn)
			r.mu.Unlock()
			r.wg.Add(1)
			go r.read(i, int32(i%len(ids)), br)
		}()
	}
	dialing.Wait()
}

func (r *sseRun) fail(err error) { r.firstErr.CompareAndSwap(nil, &err) }

func sourceAddr(i int) *net.TCPAddr {
	v := 1<<16 + i + 1 // 127.1.0.1, 127.1.0.2, …
	return &net.TCPAddr{IP: net.IPv4(127, byte(v>>16), byte(v>>8), byte(v))}
}

func (r *sseRun) dial(i int, id string, deadline time.Time) (net.Conn, *bufio.Reader, error) {
	d := net.Dialer{LocalAddr: sourceAddr(i), Deadline: deadline}
	conn, err := d.Dial("tcp", r.addr)
	if err != nil {
		return nil, nil, err
	}
	_ = conn.SetDeadline(deadline)
	if _, err := io.WriteString(conn, "GET /sse?stream="+id+" HTTP/1.1\r\nHost: "+r.addr+"\r\nAccept: text/event-stream\r\n\r\n"); err != nil {
		conn.Close()
		return nil, nil, err
	}
	br := bufio.NewReaderSize(conn, 4096)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		conn.Close()
		return nil, nil, err
	}
	if resp.StatusCode != http.StatusOK {
		conn.Close()
		return nil, nil, fmt.Errorf("%s: %s", id, resp.Status)
	}
	_ = conn.SetDeadline(time.Time{})
	return conn, bufio.NewReaderSize(resp.Body, 4096), nil
}

// read parses frames until the connection ends; an end before stop is a
// dropped subscriber.
func (r *sseRun) read(i int, room int32, br *bufio.Reader) {
	defer r.wg.Done()
	var name string
	var sent int64
	var data bool
	var rows int
	var key int64 // data-ts of the frame's first row
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			if !r.stopping.Load() {
				r.dropped.Add(1)
				r.fail(fmt.Errorf("subscriber %d: %w", i, err))
			}
			return
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		switch {
		case len(line) == 0: // end of a frame
			if data && r.measuring.Load() {
				now := time.Now().UnixNano()
				r.frames.Add(1)
				// One event per room and tick carries several rows: count them.
				r.events.Add(int64(max(1, rows)))
				if sent > 0 || key > 0 {
					r.recs[i] = append(r.recs[i], rec{room: room, name: name, sent: sent, ts: key, recv: now})
				}
			}
			name, sent, data, rows, key = "", 0, false, 0, 0
		case bytes.HasPrefix(line, []byte("event: ")):
			name = string(line[len("event: "):])
		case bytes.HasPrefix(line, []byte("data: ")):
			data = true
			rows += bytes.Count(line, []byte("<tr "))
			if ts := bytes.Index(line, []byte(`data-ts="`)); ts >= 0 && key == 0 {
				// A server that stamps no publish time: the row's quote
				// time still tells one tick from the next, for the skew.
				key, _ = strconv.ParseInt(string(line[ts+9:ts+9+bytes.IndexByte(line[ts+9:], '"')]), 10, 64)
			}
		case bytes.HasPrefix(line, []byte(": t=")):
			sent, _ = strconv.ParseInt(string(line[len(": t="):]), 10, 64)
		}
	}
}

func (r *sseRun) stop() {
	r.stopping.Store(true)
	r.mu.Lock()
	for _, c := range r.conns {
		c.Close()
	}
	r.mu.Unlock()
	r.wg.Wait()
}

// stats returns the fan-out skew (how long after the first subscriber of
// a room each one got the same event) and publish-to-receive latency.
func (r *sseRun) stats() (skew, lat string) {
	type key struct {
		room     int32
		name     string
		sent, ts int64
	}
	first := map[key]int64{}
	for _, rs := range r.recs {
		for _, x := range rs {
			k := key{x.room, x.name, x.sent, x.ts}
			if f, ok := first[k]; !ok || x.recv < f {
				first[k] = x.recv
			}
		}
	}
	var skews, lats []time.Duration
	for _, rs := range r.recs {
		for _, x := range rs {
			skews = append(skews, time.Duration(x.recv-first[key{x.room, x.name, x.sent, x.ts}]))
			if x.sent > 0 {
				lats = append(lats, time.Duration(x.recv-x.sent*int64(time.Millisecond)))
			}
		}
	}
	return percentiles(skews), percentiles(lats) + " (1 ms stamp resolution)"
}

func percentiles(d []time.Duration) string {
	if len(d) == 0 {
		return "no stamped events"
	}
	slices.Sort(d)
	at := func(p float64) time.Duration {
		return d[min(len(d)-1, int(p*float64(len(d))))].Round(100 * time.Microsecond)
	}
	return fmt.Sprintf("p50 %s  p99 %s  max %s  (%d deliveries)", at(0.50), at(0.99), d[len(d)-1].Round(100*time.Microsecond), len(d))
}
