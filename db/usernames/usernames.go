// Package usernames normalises usernames, so that names that look alike are
// one name: the sign-up form, the login form and the database's unique key
// all go through it (the migration that backfills the key too, which is why
// it is a package of its own that imports nothing of ours).
package usernames

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Clean is the name as stored and shown: invisible format characters
// (bidi controls such as U+202E, zero-width spaces and joiners) removed,
// NFKC-normalised (fullwidth ａｄｍｉｎ is admin, composed accents),
// lower-cased and trimmed.
func Clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(strings.ToLower(norm.NFKC.String(s)))
}

// Key is what uniqueness and login compare: the cleaned name case-folded
// and normalised again (NFKC_Casefold, as Unicode's identifier profile
// recommends), so names differing only in case or compatibility forms
// (ß and ss, ﬁ and fi) are one account.
func Key(s string) string {
	return norm.NFKC.String(cases.Fold().String(Clean(s)))
}
