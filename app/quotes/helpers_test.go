package quotes

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/stonks-b3/stonks/db/data"
)

func decMin(a, b decimal.Decimal) decimal.Decimal { return decimal.Min(a, b) }
func decMax(a, b decimal.Decimal) decimal.Decimal { return decimal.Max(a, b) }
func decFromInt(i int64) decimal.Decimal          { return decimal.NewFromInt(i) }

func mustLookup(t *testing.T, tk string) data.Asset {
	t.Helper()
	a, ok := data.Lookup(tk)
	if !ok {
		t.Fatalf("no asset %s", tk)
	}
	return a
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func nd(s string) decimal.NullDecimal { return decimal.NewNullDecimal(dec(s)) }
