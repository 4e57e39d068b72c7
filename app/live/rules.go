package live

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stonks-b3/stonks/db/data"
)

// Stream id prefixes shared by every feature, so that a quote job, a forum
// handler and a template all spell a stream the same way.
const (
	QuotesPrefix = "quotes-" // quotes-{lang}-{T1}_{T2}...: public
	RoomPrefix   = "room-"   // room-{n}: logged-in users
	UserPrefix   = "user-"   // user-{n}: that user only
)

// QuotesEvent names a quote room's one event per tick: the room's changed
// tracker rows, each swapped into the page by its id (hx-swap-oob).
const QuotesEvent = "quotes"

// Quote room limits.
const (
	MaxQuoteTickers = 100
	MaxIDLen        = 1024
)

// Languages a quote room may be rendered in.
var quoteLangs = []string{"pt-BR", "en"}

// Viewer is who asks to subscribe, as told by the app's viewer function.
// Session and Expires tie a logged-in subscription to its session: the hub
// ends it when the session ends (EndSession) or expires.
type Viewer struct {
	UserID   int64
	LoggedIn bool
	Session  string    // the session's id (its token hash); "" when anonymous
	Expires  time.Time // when the session expires; zero: never
}

// Access is a rule's verdict. The zero value is NotFound, so a rule that
// forgets a case denies rather than leaks.
type Access int

const (
	NotFound  Access = iota // malformed id, or what it names does not exist: 404
	Forbidden               // well-formed, but not for this viewer: 403
	Allowed
	Unavailable // the rule could not tell (database down): 503
)

func (a Access) String() string {
	switch a {
	case NotFound:
		return "not found"
	case Forbidden:
		return "forbidden"
	case Allowed:
		return "allowed"
	case Unavailable:
		return "unavailable"
	}
	return "Access(" + strconv.Itoa(int(a)) + ")"
}

// Rule checks the shape of a stream id of one kind, that what it names
// exists, and whether the viewer may subscribe to it.
type Rule func(ctx context.Context, id string, v Viewer) Access

// Exists answers the rules' questions about the app's data, so that no
// stream is opened for something that does not exist: an unknown ticker
// would otherwise reach the quote provider (the quote job polls whatever
// rooms are watched), and a missing room would be a stream nobody feeds.
type Exists interface {
	// Listed reports whether ticker is a listed asset (IBOV or IFIX).
	Listed(ticker string) bool
	// RoomExists reports whether forum room n exists.
	RoomExists(ctx context.Context, n int64) (bool, error)
}

// ValidID reports whether id uses only [A-Za-z0-9_-] and is at most MaxIDLen
// bytes. Every stream id must pass this before any rule sees it; it also
// keeps ids safe inside a query string and an SSE frame.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// QuoteRoom returns the stream id for quotes of tickers rendered in lang:
// tickers are upper-cased, sorted and de-duplicated so that one set of
// tickers is always one stream. It returns "" if lang is not "pt-BR" or
// "en", or a ticker is not B3-shaped (data.IsTicker), or there are none or more than
// MaxQuoteTickers.
func QuoteRoom(lang string, tickers []string) string {
	if !slices.Contains(quoteLangs, lang) || len(tickers) == 0 {
		return ""
	}
	ts := make([]string, len(tickers))
	for i, t := range tickers {
		ts[i] = strings.ToUpper(t)
		if !data.IsTicker(ts[i]) {
			return ""
		}
	}
	slices.Sort(ts)
	ts = slices.Compact(ts)
	if len(ts) > MaxQuoteTickers {
		return ""
	}
	return QuotesPrefix + lang + "-" + strings.Join(ts, "_")
}

// ParseQuoteRoom splits a quote room id made by QuoteRoom. Ids that
// QuoteRoom would not produce (unsorted, duplicated, lower case) are not ok.
func ParseQuoteRoom(id string) (lang string, tickers []string, ok bool) {
	rest, found := strings.CutPrefix(id, QuotesPrefix)
	if !found {
		return "", nil, false
	}
	for _, l := range quoteLangs {
		if r, found := strings.CutPrefix(rest, l+"-"); found {
			lang, rest = l, r
			break
		}
	}
	if lang == "" || rest == "" {
		return "", nil, false
	}
	n := strings.Count(rest, "_") + 1
	if n > MaxQuoteTickers {
		return "", nil, false
	}
	tickers = make([]string, 0, n)
	for t := range strings.SplitSeq(rest, "_") {
		if !data.IsTicker(t) || len(tickers) > 0 && t <= tickers[len(tickers)-1] {
			return "", nil, false
		}
		tickers = append(tickers, t)
	}
	return lang, tickers, true
}

// Room returns the stream id of forum room n.
func Room(n int64) string { return RoomPrefix + strconv.FormatInt(n, 10) }

// User returns the stream id of user n's private notices.
func User(n int64) string { return UserPrefix + strconv.FormatInt(n, 10) }

// ParseRoom returns n for "room-{n}".
func ParseRoom(id string) (int64, bool) { return parseNumbered(id, RoomPrefix) }

// ParseUser returns n for "user-{n}".
func ParseUser(id string) (int64, bool) { return parseNumbered(id, UserPrefix) }

// parseNumbered accepts only the canonical form of a positive int64 (no
// sign, no leading zeros), so "user-07" and "user-7" are not two streams.
func parseNumbered(id, prefix string) (int64, bool) {
	s, ok := strings.CutPrefix(id, prefix)
	if !ok || s == "" || s[0] == '0' || len(s) > 19 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// QuoteRule lets anyone, logged in or not, watch a well-formed quote room
// whose tickers are all listed: the public embed widget uses them.
func QuoteRule(listed func(string) bool) Rule {
	return func(_ context.Context, id string, _ Viewer) Access {
		_, tickers, ok := ParseQuoteRoom(id)
		if !ok {
			return NotFound
		}
		for _, t := range tickers {
			if !listed(t) {
				return NotFound
			}
		}
		return Allowed
	}
}

// RoomRule lets logged-in users watch a forum room that exists. Visitors
// are refused before the room is looked up.
func RoomRule(exists func(context.Context, int64) (bool, error)) Rule {
	return func(ctx context.Context, id string, v Viewer) Access {
		n, ok := ParseRoom(id)
		if !ok {
			return NotFound
		}
		if !v.LoggedIn {
			return Forbidden
		}
		found, err := exists(ctx, n)
		switch {
		case err != nil:
			return Unavailable
		case !found:
			return NotFound
		}
		return Allowed
	}
}

// UserRule lets user n, and nobody else, watch "user-{n}".
func UserRule(_ context.Context, id string, v Viewer) Access {
	n, ok := ParseUser(id)
	if !ok {
		return NotFound
	}
	if !v.LoggedIn || v.UserID != n {
		return Forbidden
	}
	return Allowed
}

// AllowDefaults registers the three kinds Stonks uses, checking existence
// with e.
func (h *Hub) AllowDefaults(e Exists) {
	h.Allow(QuotesPrefix, QuoteRule(e.Listed))
	h.Allow(RoomPrefix, RoomRule(e.RoomExists))
	h.Allow(UserPrefix, UserRule)
}

// Allow registers the rule for stream ids starting with prefix. The longest
// registered prefix matching an id decides; ids no prefix matches are 404.
func (h *Hub) Allow(prefix string, rule Rule) {
	h.rulesMu.Lock()
	defer h.rulesMu.Unlock()
	if h.rules == nil {
		h.rules = map[string]Rule{}
	}
	h.rules[prefix] = rule
}

// Check applies the stream rules: ValidID, then the kind's rule.
func (h *Hub) Check(ctx context.Context, id string, v Viewer) Access {
	if !ValidID(id) {
		return NotFound
	}
	h.rulesMu.RLock()
	var rule Rule
	best := -1
	for p, r := range h.rules {
		if len(p) > best && strings.HasPrefix(id, p) {
			rule, best = r, len(p)
		}
	}
	h.rulesMu.RUnlock()
	if rule == nil {
		return NotFound
	}
	return rule(ctx, id, v)
}
