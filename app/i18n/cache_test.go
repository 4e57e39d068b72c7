package i18n

import (
	"math"
	"testing"
	"time"

	"golang.org/x/text/number"
)

// The words of every page (navbar, footer, headings) are translated without
// formatting them again on each call, and stay right after Add.
func TestTWithoutArgumentsIsNotFormattedAgain(t *testing.T) {
	if got := PtBR.T("Forum"); got != "Fórum" {
		t.Fatalf("T(Forum) = %q", got)
	}
	if n := testing.AllocsPerRun(100, func() { PtBR.T("Forum") }); n != 0 {
		t.Fatalf("T allocates %v times per call once translated, want 0", n)
	}
	Add(map[string]string{"cache test key": "chave de teste"})
	if got := PtBR.T("cache test key"); got != "chave de teste" {
		t.Fatalf("after Add: %q", got)
	}
	if got := PtBR.T("%d%% up", 5); got != "5% up" {
		t.Fatalf("with arguments: %q", got)
	}
}

// Int groups digits as x/text does, without building a formatter per call.
func TestIntMatchesXText(t *testing.T) {
	for _, n := range []int64{0, 7, -7, 999, 1000, -1000, 1234567, -1234567, math.MaxInt64, math.MinInt64} {
		for _, l := range Locales {
			if got, want := l.Int(n), l.p.Sprint(number.Decimal(n)); got != want {
				t.Errorf("%s Int(%d) = %q, want %q", l.Code, n, got, want)
			}
		}
	}
	if n := testing.AllocsPerRun(100, func() { PtBR.Int(1234567) }); n > 1 {
		t.Fatalf("Int allocates %v times per call, want at most 1 (the result)", n)
	}
}

// "3 minutes ago" is asked for every message of a room page on every view:
// it is said from memory after the first time, and still right.
func TestAgoIsNotFormattedAgain(t *testing.T) {
	for _, c := range []struct {
		l    *Locale
		d    time.Duration
		want string
	}{
		{PtBR, 5 * time.Minute, "há 5 minutos"}, {PtBR, time.Minute, "há 1 minuto"}, {En, 3 * time.Hour, "3 hours ago"},
		{En, 49 * time.Hour, "2 days ago"},
	} {
		if got := c.l.since(c.d); got != c.want {
			t.Errorf("%s since(%s) = %q, want %q", c.l.Code, c.d, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { PtBR.since(5 * time.Minute) }); n > 1 {
		t.Fatalf("since allocates %v times per call once said, want at most 1", n)
	}
}
