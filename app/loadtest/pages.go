package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/uptrace/bun"
	"github.com/valyala/fasthttp"

	"github.com/stonks-b3/stonks/app/config"
	"github.com/stonks-b3/stonks/app/demo"
	"github.com/stonks-b3/stonks/app/server"
	"github.com/stonks-b3/stonks/db"
)

// The two load rooms, found again by name on a second run (seeding 100k
// messages once is enough).
const (
	smallRoom = "load: 50 messages"
	bigRoom   = "load: 100k messages"
)

// pages seeds a database (the demo accounts, wallet and alerts, plus a room
// of 50 and one of 100,000 messages), starts the app in-process on it (or
// uses -url), logs in as the demo user and measures each page with a
// closed-loop generator: -c connections each sending the next request as
// soon as the last answer is read. A bare Fiber handler with a 1 KiB body is
// measured in the same run, so the ratio holds on a busy machine.
func pages(args []string) error {
	fs := flag.NewFlagSet("pages", flag.ExitOnError)
	dsn := fs.String("db", os.Getenv("TEST_DATABASE_URL"), "database to seed and serve (PostgreSQL URL; default $TEST_DATABASE_URL)")
	base := fs.String("url", "", "measure a running server (seeded with -db) instead of an in-process one")
	conns := fs.Int("c", 64, "connections")
	dur := fs.Duration("d", 10*time.Second, "duration of each page's run")
	only := fs.String("only", "", "measure only the pages whose name contains this")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole run (in-process server only)")
	_ = fs.Parse(args)
	if *dsn == "" {
		return errors.New("-db (or TEST_DATABASE_URL) is required")
	}
	ctx := context.Background()
	store, err := db.Open(*dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	if _, err := store.Migrate(ctx); err != nil {
		return err
	}
	small, big, err := seed(ctx, store)
	if err != nil {
		return err
	}
	queries := &queryCounter{}
	store.DB = store.DB.WithQueryHook(queries) // counts the in-process server's queries

	inProcess := *base == ""
	if inProcess {
		cfg, err := config.Load(func(k string) string {
			if k == "DATABASE_URL" {
				return *dsn
			}
			return ""
		})
		if err != nil {
			return err
		}
		srv, err := server.New(cfg, store, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			return err
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		sctx, stop := context.WithCancel(ctx)
		defer stop()
		go func() { _ = srv.Serve(sctx, ln) }()
		*base = "http://" + ln.Addr().String()
	}
	if *cpuprofile != "" {
		stopProfile, err := startProfile(*cpuprofile)
		if err != nil {
			return err
		}
		defer stopProfile()
	}

	bare, stopBare, err := bareServer()
	if err != nil {
		return err
	}
	defer stopBare()

	cookie, err := login(*base)
	if err != nil {
		return err
	}
	type page struct {
		name, url string
		public    bool
	}
	list := []page{
		{"bare Fiber 1 KiB", bare + "/", true},
		{"`/healthz`", *base + "/healthz", true},
		{"`/` logged in", *base + "/", false},
		{"`/room/{id}/` 50 messages", fmt.Sprintf("%s/room/%d/", *base, small), false},
		{"`/room/{id}/` 100k messages", fmt.Sprintf("%s/room/%d/", *base, big), false},
		{"`/forum/`", *base + "/forum/", false},
		{"`/carteira` 6 holdings", *base + "/carteira", false},
		{"`/stocktracker` 5 tickers", *base + "/stocktracker?" + tickers, false},
		{"`/embed/tracker` 5 tickers, public", *base + "/embed/tracker?" + tickers, true},
		{"`/graph.svg` 1y (cached)", *base + "/graph.svg?ticker=PETR4&range=1y", false},
	}
	fmt.Printf("%d connections, %s each, GOMAXPROCS %d, %s\n\n", *conns, *dur, runtime.GOMAXPROCS(0), time.Now().Format(time.RFC3339))
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', 0)
	fmt.Fprintln(w, "| page\t| req/s\t| p50\t| p99\t| vs bare\t| queries/req\t| errors\t|")
	fmt.Fprintln(w, "| ---\t| ---\t| ---\t| ---\t| ---\t| ---\t| ---\t|")
	var bareRate float64
	for _, p := range list {
		if *only != "" && p.url != list[0].url && !strings.Contains(p.name, *only) {
			continue
		}
		c := cookie
		if p.public {
			c = ""
		}
		q0 := queries.n.Load()
		r, err := run(p.url, c, *conns, *dur)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		perReq := "—" // a server out of process is not counted
		if r.requests > 0 && !strings.HasPrefix(p.url, bare) && inProcess {
			perReq = fmt.Sprintf("%.1f", float64(queries.n.Load()-q0)/float64(r.requests))
		}
		if bareRate == 0 {
			bareRate = r.rate
		}
		fmt.Fprintf(w, "| %s\t| %s\t| %s\t| %s\t| %.1f%%\t| %s\t| %d\t|\n", p.name, thousands(r.rate), ms(r.p50), ms(r.p99), 100*r.rate/bareRate, perReq, r.errors)
	}
	return w.Flush()
}

const tickers = "stockpicker=PETR4&stockpicker=VALE3&stockpicker=ITUB4&stockpicker=BBAS3&stockpicker=HGLG11"

// seed loads the demo content and the two load rooms; it returns their ids.
func seed(ctx context.Context, store *db.Store) (small, big int64, err error) {
	now := time.Now()
	if err := demo.Seed(ctx, store, now, true); err != nil {
		return 0, 0, err
	}
	u, err := store.UserByUsername(ctx, demo.Username)
	if err != nil {
		return 0, 0, err
	}
	room := func(name string, n int) (int64, error) {
		id, err := store.RoomByHostAndName(ctx, u.ID, name)
		if err == nil || !errors.Is(err, db.ErrNotFound) {
			return id, err
		}
		r := &db.Room{HostID: u.ID, Name: name, Description: "Load test room."}
		if err := store.CreateRoom(ctx, r, "Load", now); err != nil {
			return 0, err
		}
		return r.ID, store.SeedMessages(ctx, r.ID, u.ID, n, now)
	}
	if small, err = room(smallRoom, 50); err != nil {
		return 0, 0, err
	}
	big, err = room(bigRoom, 100_000)
	return small, big, err
}

// login signs in as the demo user like a browser (CSRF cookie, then the
// form) and returns the Cookie header that carries the session.
func login(base string) (string, error) {
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.Get(base + "/login/")
	if err != nil {
		return "", err
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		return "", errors.New("login page has no _csrf field")
	}
	res, err = hc.PostForm(base+"/login/", url.Values{"username": {demo.Username}, "password": {demo.Password}, "_csrf": {string(m[1])}})
	if err != nil {
		return "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusFound {
		return "", fmt.Errorf("login: status %d", res.StatusCode)
	}
	u, _ := url.Parse(base)
	var parts []string
	for _, c := range jar.Cookies(u) {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; "), nil
}

// bareServer serves a constant 1 KiB body, the ceiling pages are compared with.
func bareServer() (string, func(), error) {
	body := []byte(strings.Repeat("x", 1024))
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/", func(c *fiber.Ctx) error { return c.Send(body) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go func() { _ = app.Listener(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = app.Shutdown() }, nil
}

type result struct {
	requests int64 // sent, the first one included
	rate     float64
	p50, p99 time.Duration
	errors   int64
}

// run keeps conns requests to target in flight for d and measures them. A
// page that does not answer 200 counts as an error (a lost session would
// otherwise measure the login redirect).
func run(target, cookie string, conns int, d time.Duration) (result, error) {
	u, err := url.Parse(target)
	if err != nil {
		return result{}, err
	}
	client := &fasthttp.HostClient{Addr: u.Host, MaxConns: conns, ReadTimeout: 30 * time.Second, MaxIdleConnDuration: time.Minute}
	// One request first: a page that fails says why at once.
	if status, err := get(client, target, cookie); err != nil || status != 200 {
		return result{}, fmt.Errorf("first request: status %d, %v", status, err)
	}
	var (
		mu       sync.Mutex
		lat      []time.Duration
		errCount atomic.Int64
		wg       sync.WaitGroup
	)
	deadline := time.Now().Add(d)
	start := time.Now()
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]time.Duration, 0, 4096)
			for time.Now().Before(deadline) {
				t0 := time.Now()
				status, err := get(client, target, cookie)
				if err != nil || status != 200 {
					errCount.Add(1)
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(lat) == 0 {
		return result{errors: errCount.Load()}, errors.New("no successful request")
	}
	slices.Sort(lat)
	return result{
		requests: int64(len(lat)) + errCount.Load() + 1,
		rate:     float64(len(lat)) / elapsed.Seconds(),
		p50:      lat[len(lat)/2], p99: lat[len(lat)*99/100],
		errors: errCount.Load(),
	}, nil
}

func get(client *fasthttp.HostClient, target, cookie string) (int, error) {
	req := fasthttp.AcquireRequest()
	res := fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(res)
	req.SetRequestURI(target)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	err := client.Do(req, res)
	return res.StatusCode(), err
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
}

func thousands(rate float64) string {
	s := fmt.Sprintf("%d", int64(rate+0.5))
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// queryCounter counts the queries the store runs.
type queryCounter struct{ n atomic.Int64 }

func (q *queryCounter) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	q.n.Add(1)
	return ctx
}

func (q *queryCounter) AfterQuery(context.Context, *bun.QueryEvent) {}
