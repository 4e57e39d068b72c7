package forum

import (
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/stonks-b3/stonks/app/tracker"
)

// linkable finds what a message may link: http(s) URLs and cashtags
// ($PETR4: four letters and the share class).
var linkable = regexp.MustCompile(`(?i)https?://[^\s<>"']+|\$[a-z]{4}[0-9]{1,2}\b`)

// Format turns a message into HTML: every character of the text is
// escaped, and only the recognised tokens are wrapped in links whose
// attributes we build ourselves. This is the one place the forum makes
// template.HTML out of user text, so it is tested with hostile input.
func Format(body string) template.HTML {
	var b strings.Builder
	last := 0
	for _, loc := range linkable.FindAllStringIndex(body, -1) {
		start, end := loc[0], loc[1]
		tok := body[start:end]
		var link string
		if tok[0] == '$' {
			// "R$PETR4" or "US$ABCD3" are not cashtags: a cashtag starts a word.
			if r, _ := utf8.DecodeLastRuneInString(body[:start]); start > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				continue
			}
			ts, _ := tracker.ParseTickers([]string{tok[1:]})
			if len(ts) != 1 {
				continue
			}
			link = `<a class="cashtag" href="/stocktracker?stockpicker=` + ts[0] + `">$` + ts[0] + `</a>`
		} else {
			// Punctuation that ends a sentence is not part of the URL.
			tok = strings.TrimRight(tok, ".,;:!?)]}")
			end = start + len(tok)
			u, err := url.Parse(tok)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				continue
			}
			esc := template.HTMLEscapeString(tok)
			link = `<a href="` + esc + `" rel="nofollow noopener">` + esc + `</a>`
		}
		b.WriteString(template.HTMLEscapeString(body[last:start]))
		b.WriteString(link)
		last = end
	}
	b.WriteString(template.HTMLEscapeString(body[last:]))
	return template.HTML(b.String()) //nolint:gosec // built from escaped text above
}
