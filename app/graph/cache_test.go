package graph

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/app/charts"
	"github.com/stonks-b3/stonks/app/quotes"
)

// Charts of very different sizes: the cache must bound the bytes it holds,
// not the number of charts, and evict the least recently used first.
func TestCacheBoundedByBytes(t *testing.T) {
	const bound = 1 << 20
	h := &Handler{cache: newSVGCache(bound)}
	renders := map[string]int{}
	draw := func(key string, size int) []byte {
		t.Helper()
		svg, err := h.draw(key, func() ([]byte, error) {
			renders[key]++
			return bytes.Repeat([]byte{key[0]}, size), nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(svg) != size || svg[0] != key[0] {
			t.Fatalf("%s: got %d bytes of %q", key, len(svg), svg[:1])
		}
		return svg
	}
	// 300 KB charts: three fit in 1 MiB, a fourth evicts the oldest.
	draw("a", 300<<10)
	draw("b", 300<<10)
	draw("c", 300<<10)
	draw("a", 300<<10) // a is now the most recently used; b the least
	draw("d", 300<<10)
	if got := h.cache.bytes(); got > bound {
		t.Fatalf("cache holds %d bytes, bound %d", got, bound)
	}
	draw("a", 300<<10)
	draw("c", 300<<10)
	draw("d", 300<<10)
	if renders["a"] != 1 || renders["c"] != 1 || renders["d"] != 1 {
		t.Errorf("recently used charts were drawn again: %v", renders)
	}
	draw("b", 300<<10)
	if renders["b"] != 2 {
		t.Errorf("least recently used chart b was kept instead of evicted: %v", renders)
	}
	// Many charts later the total still fits, whatever their mix of sizes.
	for i := range 200 {
		draw(fmt.Sprintf("k%d", i), (i%7+1)*40<<10)
		if got := h.cache.bytes(); got > bound {
			t.Fatalf("after %d charts the cache holds %d bytes, bound %d", i+1, got, bound)
		}
	}
	// A chart larger than the bound is served but not kept.
	draw("huge", 2*bound)
	draw("huge", 2*bound)
	if renders["huge"] != 2 || h.cache.bytes() > bound {
		t.Errorf("oversized chart: %d renders, %d bytes held", renders["huge"], h.cache.bytes())
	}
}

// Aggregating range=max (no warm-up bars) must leave the daily bars alone:
// the page and the chart are drawn from the same slice.
func TestCandlesKeepDailyBars(t *testing.T) {
	day := func(d int) quotes.Bar {
		p := decimal.NewFromInt(int64(10 + d))
		return quotes.Bar{Day: time.Date(2025, 1, d, 0, 0, 0, 0, quotes.BRT), Open: p, High: p, Low: p, Close: p, Volume: 1}
	}
	all := []quotes.Bar{day(2), day(3), day(6), day(7), day(13)}
	want := slices.Clone(all)
	for _, n := range []int{0, 2} {
		got, lead := candles(all, n, charts.Weekly)
		if !slices.EqualFunc(all, want, func(a, b quotes.Bar) bool { return a.Day.Equal(b.Day) && a.Close.Equal(b.Close) }) {
			t.Fatalf("lead %d: daily bars changed to %v", n, all)
		}
		if len(got) != 3 || lead != min(n, 1) {
			t.Errorf("lead %d: %d candles, %d lead", n, len(got), lead)
		}
	}
}
