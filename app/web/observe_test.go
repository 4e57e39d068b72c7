package web

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/valyala/fasthttp"
)

// A connection that never finished its request is refused (408) before
// fasthttp stamped a start time: its log line and latency must not read as
// 292 years.
func TestRefusedWithoutStartTimeRecordsNoDuration(t *testing.T) {
	m := NewMetrics()
	var logs strings.Builder
	app := fiber.New()
	c := app.AcquireCtx(&fasthttp.RequestCtx{})
	defer app.ReleaseCtx(c)
	h := Refused(slog.New(slog.NewTextHandler(&logs, nil)), m, func(c *fiber.Ctx, err error) error {
		return c.Status(fiber.StatusRequestTimeout).SendString("timeout")
	})
	_ = h(c, fiber.ErrRequestTimeout)
	if n := testutil.CollectAndCount(m.latency); n != 1 {
		t.Fatalf("%d latency series, want 1", n)
	}
	if strings.Contains(logs.String(), "2562047h") || !strings.Contains(logs.String(), "duration=0s") {
		t.Errorf("log line: %s", logs.String())
	}
	body := testutil.ToFloat64(m.requests.WithLabelValues("refused", "GET", "408"))
	if body != 1 {
		t.Errorf("refused 408 counted %v times", body)
	}
}
