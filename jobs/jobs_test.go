package jobs

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stonks-b3/stonks/db/dbtest"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// gocron recovers a job's panic; the scheduler must log and count it, or a
// job that panics on every run would fail unseen.
func TestPanickingJobIsLoggedAndCounted(t *testing.T) {
	var logs syncBuffer
	s, err := New(slog.New(slog.NewTextHandler(&logs, nil)), dbtest.SQLite(t), time.Now, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Every("boom", 10*time.Millisecond, func(context.Context) error { panic("kaboom") }); err != nil {
		t.Fatal(err)
	}
	s.Start()
	defer s.Shutdown()
	deadline := time.Now().Add(10 * time.Second)
	for testutil.ToFloat64(s.Panics.WithLabelValues("boom")) < 1 || !strings.Contains(logs.String(), "kaboom") {
		if time.Now().After(deadline) {
			t.Fatalf("no panic counted or logged within 10 s; log: %s", logs.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !strings.Contains(logs.String(), `job=boom`) {
		t.Errorf("the log does not name the job: %s", logs.String())
	}
}
