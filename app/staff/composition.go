package staff

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/stonks-b3/stonks/db"
	"golang.org/x/text/encoding/charmap"
)

// A B3 ticker: four letters, then a number (PETR4, BPAC11).
var tickerRe = regexp.MustCompile(`^[A-Z0-9]{4}[0-9]{1,2}$`)

// ParseComposition reads B3's "carteira teórica" download: ';'-separated,
// Latin-1 (as B3 serves it) or UTF-8, a title line and a header before the
// rows "code;name;type;theoretical quantity;weight %" and total/reducer
// lines after them. Only rows whose first field is a ticker count; numbers
// are pt-BR ("1.234.567", "8,123").
func ParseComposition(b []byte) ([]db.Component, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	text := string(b)
	if !utf8.Valid(b) {
		dec, err := charmap.ISO8859_1.NewDecoder().Bytes(b)
		if err != nil {
			return nil, err
		}
		text = string(dec)
	}
	var out []db.Component
	seen := map[string]bool{}
	var sum decimal.Decimal
	for n, line := range strings.Split(text, "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), ";")
		ticker := strings.ToUpper(strings.TrimSpace(f[0]))
		if !tickerRe.MatchString(ticker) {
			continue // title, header, totals
		}
		if len(f) < 5 {
			return nil, fmt.Errorf("line %d: %d fields, want code;name;type;quantity;weight", n+1, len(f))
		}
		w, err := decimal.NewFromString(strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(f[4]), ".", ""), ",", "."))
		if err != nil || w.IsNegative() || w.GreaterThan(decimal.NewFromInt(100)) {
			return nil, fmt.Errorf("line %d: weight %q is not a percentage", n+1, f[4])
		}
		if seen[ticker] {
			return nil, fmt.Errorf("line %d: %s appears twice", n+1, ticker)
		}
		seen[ticker] = true
		sum = sum.Add(w)
		out = append(out, db.Component{Ticker: ticker, Name: strings.TrimSpace(f[1]), Weight: w})
	}
	if len(out) == 0 {
		return nil, errors.New("no asset rows: is this B3's carteira teórica CSV?")
	}
	if sum.GreaterThan(decimal.NewFromInt(101)) {
		return nil, fmt.Errorf("the weights add up to %s%%, more than 100%%", sum.StringFixed(3))
	}
	return out, nil
}

// formatComposition writes comps back as UTF-8 rows, carried in the
// preview's hidden field so that apply imports exactly what was previewed.
func formatComposition(comps []db.Component) string {
	var sb strings.Builder
	for _, c := range comps {
		fmt.Fprintf(&sb, "%s;%s;;;%s\n", c.Ticker, strings.ReplaceAll(c.Name, ";", ","), strings.ReplaceAll(c.Weight.String(), ".", ","))
	}
	return sb.String()
}
