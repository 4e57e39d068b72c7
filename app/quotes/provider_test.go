package quotes

import (
	"slices"
	"testing"
)

func TestChange(t *testing.T) {
	for _, tc := range []struct{ price, prev, want string }{
		{"31.65", "31.40", "0.8"},
		{"9.00", "10.00", "-10"},
	} {
		q := Quote{Price: dec(tc.price), PrevClose: nd(tc.prev)}
		if got := q.Change(); !got.Valid || !got.Decimal.Equal(dec(tc.want)) {
			t.Errorf("Change(%s/%s) = %s, want %s", tc.price, tc.prev, got.Decimal, tc.want)
		}
	}
}

// Without a previous close there is no change to show: missing, not 0%.
func TestChangeMissingWithoutPreviousClose(t *testing.T) {
	if got := (Quote{Price: dec("10")}).Change(); got.Valid {
		t.Errorf("Change() without a previous close = %s, want missing", got.Decimal)
	}
}

func TestNormalize(t *testing.T) {
	got := normalize([]string{" petr4 ", "PETR4.SA", "VALE3", "a&b=c", "../x", "", "HGLG11", "ABCDEFGH1", "ZZZZ"})
	if want := []string{"PETR4", "VALE3", "HGLG11"}; !slices.Equal(got, want) {
		t.Errorf("normalize = %v, want %v", got, want)
	}
}
