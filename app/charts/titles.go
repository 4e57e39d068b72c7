package charts

import (
	"bytes"
	"encoding/xml"
	"strings"

	"github.com/stonks-b3/stonks/app/i18n"
	"github.com/stonks-b3/stonks/app/quotes"
)

// titled gives each candle body a <title> with its date, open, high, low,
// close and volume in the locale's formats, so hovering a candle (or a
// screen reader) tells its values. Bodies are the only shapes in the up/down
// colours after the legend's two triangles, one per drawn bar in order; with
// the dense palette the wicks share those colours, so callers that want
// titles keep to fewer than Width/3 candles (app/graph aggregates).
func titled(svg []byte, drawn []quotes.Bar, l *i18n.Locale) []byte {
	up, down := upColor.String(), downColor.String()
	coloured := func(tag []byte) bool {
		for _, c := range [...]string{up, down} {
			if bytes.Contains(tag, []byte(` fill="`+c+`"`)) || bytes.Contains(tag, []byte(` stroke="`+c+`"`)) {
				return true
			}
		}
		return false
	}
	out := make([]byte, 0, len(svg)+len(drawn)*160)
	seen, k := 0, 0
	for k < len(drawn) {
		i := bytes.Index(svg, []byte("<path "))
		if i < 0 {
			break
		}
		end := bytes.Index(svg[i:], []byte("/>"))
		if end < 0 {
			break
		}
		tag := svg[i : i+end+2]
		out = append(out, svg[:i]...)
		svg = svg[i+end+2:]
		if !coloured(tag) {
			out = append(out, tag...)
			continue
		}
		if seen++; seen <= legendSymbols {
			out = append(out, tag...)
			continue
		}
		out = append(out, "<g><title>"...)
		out = append(out, candleTitle(drawn[k], l)...)
		out = append(out, "</title>"...)
		out = append(out, tag...)
		out = append(out, "</g>"...)
		k++
	}
	return append(out, svg...)
}

// legendSymbols is the legend's candle symbol: an up and a down triangle,
// drawn before the plot.
const legendSymbols = 2

// candleTitle reads "27/11/2026 · Abertura R$ 29,45 · Máxima … · Volume 1.234.500", escaped.
func candleTitle(b quotes.Bar, l *i18n.Locale) []byte {
	var s strings.Builder
	s.WriteString(l.Date(b.Day))
	for _, f := range [...]struct{ k, v string }{
		{"Open", l.Money(b.Open)}, {"High", l.Money(b.High)}, {"Low", l.Money(b.Low)}, {"Close", l.Money(b.Close)},
		{"Volume", l.Int(b.Volume)},
	} {
		s.WriteString(" · ")
		s.WriteString(l.T(f.k))
		s.WriteString(" ")
		s.WriteString(f.v)
	}
	var esc bytes.Buffer
	_ = xml.EscapeText(&esc, []byte(s.String()))
	return esc.Bytes()
}
