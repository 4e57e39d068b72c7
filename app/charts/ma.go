package charts

import "github.com/shopspring/decimal"

// MovingAverage returns the n-period simple moving average of closes, aligned
// with closes: out[i] is the mean of closes[i-n+1..i]. Entries before n-1
// have no full window and are left as the zero decimal; callers that draw the
// result treat i < n-1 as absent. n < 1 returns nil.
//
// A running sum keeps it O(len) in decimal arithmetic; the division is
// rounded to 8 places, far below what a price chart can show.
func MovingAverage(closes []decimal.Decimal, n int) []decimal.Decimal {
	if n < 1 {
		return nil
	}
	out := make([]decimal.Decimal, len(closes))
	div := decimal.NewFromInt(int64(n))
	sum := decimal.Zero
	for i, c := range closes {
		sum = sum.Add(c)
		if i >= n {
			sum = sum.Sub(closes[i-n])
		}
		if i >= n-1 {
			out[i] = sum.DivRound(div, 8)
		}
	}
	return out
}
