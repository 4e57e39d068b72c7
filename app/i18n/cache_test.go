package i18n

import (
	"math"
	"testing"

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
