package quotes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// HTTPError is a non-2xx upstream answer.
type HTTPError struct {
	Status  int
	Message string // upstream's own error text when it sent one

	retryAfter time.Duration // from the Retry-After header
}

func (e *HTTPError) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("quotes: upstream HTTP %d", e.Status)
	}
	return fmt.Sprintf("quotes: upstream HTTP %d: %s", e.Status, e.Message)
}

// Is lets errors.Is(err, ErrNotFound) match a 404.
func (e *HTTPError) Is(target error) bool {
	return target == ErrNotFound && e.Status == http.StatusNotFound
}

// retryable: overload and server errors are worth another try; other 4xx
// (bad token, unknown symbol) will not get better.
func (e *HTTPError) retryable() bool {
	return e.Status == http.StatusTooManyRequests || e.Status >= 500
}

// client does GETs with a per-request timeout, retries with exponential
// backoff and jitter, and a circuit breaker around the whole call.
type client struct {
	base       string
	http       *http.Client
	timeout    time.Duration
	attempts   int
	backoff    time.Duration
	maxBackoff time.Duration
	breaker    *breaker
	// errMessage extracts the upstream's error text from an error body.
	errMessage func([]byte) string
}

func newClient(opts Options, defaultBase string, errMessage func([]byte) string) *client {
	c := &client{
		base:       opts.BaseURL,
		http:       opts.HTTPClient,
		timeout:    opts.Timeout,
		attempts:   opts.MaxAttempts,
		backoff:    opts.Backoff,
		maxBackoff: opts.MaxBackoff,
		errMessage: errMessage,
	}
	if c.base == "" {
		c.base = defaultBase
	}
	if c.http == nil {
		c.http = &http.Client{}
	}
	if c.timeout <= 0 {
		c.timeout = 10 * time.Second
	}
	if c.attempts <= 0 {
		c.attempts = 3
	}
	if c.backoff <= 0 {
		c.backoff = 300 * time.Millisecond
	}
	if c.maxBackoff <= 0 {
		c.maxBackoff = 5 * time.Second
	}
	threshold, cooldown := opts.BreakerThreshold, opts.BreakerCooldown
	if threshold <= 0 {
		threshold = 5
	}
	if cooldown <= 0 {
		cooldown = 30 * time.Second
	}
	c.breaker = newBreaker(threshold, cooldown, opts.Clock)
	return c
}

// getJSON fetches base+path?query and decodes the JSON body into v.
func (c *client) getJSON(ctx context.Context, path string, query url.Values, v any) error {
	if !c.breaker.allow() {
		return ErrCircuitOpen
	}
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var err error
	for attempt := 0; attempt < c.attempts; attempt++ {
		if attempt > 0 {
			if werr := wait(ctx, c.delay(attempt, err)); werr != nil {
				break
			}
		}
		var body []byte
		body, err = c.get(ctx, u)
		if err == nil {
			c.breaker.success()
			if jerr := json.Unmarshal(body, v); jerr != nil {
				return fmt.Errorf("quotes: decoding %s: %w", path, jerr)
			}
			return nil
		}
		var he *HTTPError
		if errors.As(err, &he) && !he.retryable() {
			// The upstream is healthy, it just said no.
			c.breaker.success()
			return err
		}
		if ctx.Err() != nil {
			break
		}
	}
	if ctx.Err() != nil {
		c.breaker.abort()
		return fmt.Errorf("quotes: %w (last error: %v)", ctx.Err(), err)
	}
	c.breaker.failure()
	return err
}

// get does one attempt under its own timeout.
func (c *client) get(ctx context.Context, u string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	// Yahoo rejects Go's default user agent.
	req.Header.Set("User-Agent", "Mozilla/5.0 (compatible; stonks/1.0)")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		he := &HTTPError{Status: resp.StatusCode}
		if c.errMessage != nil {
			he.Message = c.errMessage(body)
		}
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs >= 0 {
			he.retryAfter = time.Duration(secs) * time.Second
		}
		return nil, he
	}
	return body, nil
}

// delay is exponential backoff with full jitter in [d/2, d), or the
// upstream's Retry-After when it asks for something short.
func (c *client) delay(attempt int, last error) time.Duration {
	var he *HTTPError
	if errors.As(last, &he) && he.retryAfter > 0 && he.retryAfter <= c.maxBackoff {
		return he.retryAfter
	}
	d := c.backoff << (attempt - 1)
	if d > c.maxBackoff || d <= 0 {
		d = c.maxBackoff
	}
	return d/2 + rand.N(d/2+1)
}

func wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
