package server_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stonks-b3/stonks/app/apptest"
	"github.com/stonks-b3/stonks/db/dbtest"
)

// Request values point into fasthttp's reused buffers; a metrics label kept
// past the handler came out as GETT or POS and made /metrics answer 500.
func TestMetricsLabelsSurviveMixedTraffic(t *testing.T) {
	srv := apptest.New(t, dbtest.SQLite(t), nil)
	base := apptest.Listen(t, srv)
	methods := []string{"GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}
	paths := []string{"/healthz", "/login/", "/no/such/page", "/forum/", "/readyz"}
	client := &http.Client{Transport: &http.Transport{}, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	defer client.CloseIdleConnections()
	for round := 0; round < 30; round++ {
		var wg sync.WaitGroup
		for _, m := range methods {
			for _, p := range paths {
				wg.Add(1)
				go func(m, p string) {
					defer wg.Done()
					req, _ := http.NewRequest(m, base+p, strings.NewReader("x=1"))
					r, err := client.Do(req)
					if err != nil {
						t.Error(err)
						return
					}
					io.Copy(io.Discard, r.Body)
					r.Body.Close()
				}(m, p)
			}
		}
		wg.Wait()
	}
	r, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: %d\n%.2000s", r.StatusCode, body)
	}
	real := map[string]bool{"HEAD": true}
	for _, m := range methods {
		real[m] = true
	}
	// "/" is where a middleware (CSRF) answers before routing.
	routes := map[string]bool{"unmatched": true, "/metrics": true, "/": true}
	for _, p := range paths {
		routes[p] = true
	}
	series := regexp.MustCompile(`stonks_http_requests_total\{method="([^"]*)",route="([^"]*)"`)
	found := series.FindAllStringSubmatch(string(body), -1)
	if len(found) == 0 {
		t.Fatal("no request series")
	}
	for _, m := range found {
		if !real[m[1]] || !routes[m[2]] {
			t.Errorf("series with a corrupted label: method %q route %q", m[1], m[2])
		}
	}
}
