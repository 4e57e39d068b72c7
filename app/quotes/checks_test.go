package quotes

import (
	"context"
	"net/http"
	"testing"
)

// Recorded answers changed the way a provider can go wrong: a price in
// dollars, a negative or zero price, a sub-cent price, and a quote without
// previous close, open or 52-week figures.
func TestProviderDataChecks(t *testing.T) {
	for _, tc := range []struct{ provider, file string }{
		{"yahoo", "yahoo_quote_bad.json"},
		{"brapi", "brapi_quote_bad.json"},
	} {
		t.Run(tc.provider, func(t *testing.T) {
			f := newFake(t, func(w http.ResponseWriter, r *http.Request, n int) { serve(t, w, 200, tc.file) })
			p := mustNew(t, tc.provider, testOpts(f.URL, newClock()))
			qs, err := p.Quotes(context.Background(), []string{"PETR4", "VALE3", "HGLG11", "ITUB4", "BBAS3"})
			if err != nil {
				t.Fatal(err)
			}
			for _, tk := range []string{"PETR4", "VALE3", "HGLG11", "ITUB4"} {
				if q, ok := qs[tk]; ok {
					t.Errorf("%s refused by the checks but kept: price %s", tk, q.Price)
				}
			}
			q, ok := qs["BBAS3"]
			if !ok {
				t.Fatal("a quote with missing figures was dropped; its price is good")
			}
			if q.PrevClose.Valid || q.Low52.Valid || q.Open.Valid || q.High52.Valid {
				t.Errorf("missing figures made up: prev %v, open %v, 52w %v–%v", q.PrevClose, q.Open, q.Low52, q.High52)
			}
			if c := q.Change(); c.Valid {
				t.Errorf("change without a previous close = %s%%, want missing", c.Decimal)
			}
			if !q.DayLow.Valid || !q.DayHigh.Valid {
				t.Errorf("figures that were sent are lost: day %v–%v", q.DayLow, q.DayHigh)
			}
		})
	}
}
