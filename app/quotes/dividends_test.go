package quotes

import (
	"reflect"
	"testing"
	"time"
)

// The simulator pays funds monthly and stocks a few times a year, the same
// payments every time it is asked.
func TestSimDividends(t *testing.T) {
	from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	fii := SimDividends("HGLG11", from, to)
	if len(fii) != 12 {
		t.Fatalf("HGLG11 paid %d times in 2025, want 12", len(fii))
	}
	stock := SimDividends("PETR4", from, to)
	if len(stock) != 4 {
		t.Fatalf("PETR4 paid %d times in 2025, want 4", len(stock))
	}
	for _, d := range append(fii, stock...) {
		if !d.PerShare.IsPositive() || d.Pay <= d.Ex || d.Ex < "2025-01-01" || d.Ex > "2025-12-31" {
			t.Errorf("odd payment %+v", d)
		}
		if wd := mustDay(t, d.Ex).Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("ex-date on a weekend: %+v", d)
		}
	}
	if again := SimDividends("HGLG11", from, to); !reflect.DeepEqual(fii, again) {
		t.Fatal("the simulator's payments changed between calls")
	}
	if SimDividends("ZZZZ3", from, to) != nil {
		t.Fatal("an unlisted ticker paid")
	}
}

func mustDay(t *testing.T, s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
