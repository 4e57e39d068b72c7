package tracker

import (
	"strings"
	"unicode/utf8"

	"github.com/stonks-b3/stonks/db/data"
)

// MaxTickers is how many tickers one tracker shows (and one quote room holds).
const MaxTickers = 100

// ParseTickers reads the repeated stockpicker values. Each may hold several
// tickers separated by commas, semicolons or spaces, in any case, with or
// without Yahoo's ".SA" suffix ("petr4, VALE3.SA"). It returns the valid ones
// in order without duplicates (at most MaxTickers) and, separately, the
// values that are not ticker-shaped, shortened, for a "not found" line.
func ParseTickers(values []string) (tickers, bad []string) {
	seen := map[string]bool{}
	for _, v := range values {
		for _, f := range strings.FieldsFunc(v, separator) {
			t, ok := data.Ticker(f)
			switch {
			case seen[t]:
			case ok:
				if len(tickers) < MaxTickers {
					tickers = append(tickers, t)
				}
			case len(bad) < 10:
				bad = append(bad, shorten(f, 24))
			}
			seen[t] = true
		}
	}
	return tickers, bad
}

// separator tells the characters between tickers in one value.
func separator(r rune) bool {
	return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '+'
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
