package charts

import (
	"bytes"
	"strconv"
)

// finish gives the root element explicit width/height (an <img> without them
// falls back to 300x150) and turns style="a:b;c:d" into presentation
// attributes, which a CSP without 'unsafe-inline' still applies when the SVG
// is inlined into a page.
func finish(svg []byte, w, h int) []byte {
	out := make([]byte, 0, len(svg)+len(svg)/8)
	root := []byte(`<svg `)
	if i := bytes.Index(svg, root); i >= 0 {
		out = append(out, svg[:i+len(root)]...)
		out = append(out, `width="`...)
		out = strconv.AppendInt(out, int64(w), 10)
		out = append(out, `" height="`...)
		out = strconv.AppendInt(out, int64(h), 10)
		out = append(out, `" `...)
		svg = svg[i+len(root):]
	}
	// Text content has '<' and '>' escaped, so style=" can only be matched
	// inside a tag; values never contain '"' (colours, sizes, font names).
	marker := []byte(` style="`)
	for {
		i := bytes.Index(svg, marker)
		if i < 0 {
			break
		}
		out = append(out, svg[:i]...)
		rest := svg[i+len(marker):]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			out = append(out, svg[i:]...)
			return out
		}
		for decl := range bytes.SplitSeq(rest[:end], []byte{';'}) {
			k, v, ok := bytes.Cut(decl, []byte{':'})
			if !ok || len(k) == 0 {
				continue
			}
			out = append(out, ' ')
			out = append(out, bytes.TrimSpace(k)...)
			out = append(out, `="`...)
			out = append(out, bytes.TrimSpace(v)...)
			out = append(out, '"')
		}
		svg = rest[end+1:]
	}
	return append(out, svg...)
}
