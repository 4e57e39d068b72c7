package charts

import (
	"fmt"

	"github.com/shopspring/decimal"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// manySlices gives n slices of decreasing, uneven weight.
func manySlices(n int) []Slice {
	out := make([]Slice, n)
	for i := range out {
		out[i] = Slice{Label: fmt.Sprintf("ATV%02d", i), Value: decimal.NewFromInt(int64(n - i + i%3))}
	}
	return out
}
