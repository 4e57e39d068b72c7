package i18n

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Locale formats for one language. Templates call its methods: {{.L.T "Log in"}}.
type Locale struct {
	Code    string // "pt-BR" or "en", as used in cookies, URLs and stream ids
	Tag     language.Tag
	p       *message.Printer
	decimal string // the decimal separator, read from x/text's own formatting
	group   string // the grouping separator, likewise

	// plain holds T's translations of keys without arguments: a page asks
	// for some thirty (the navbar, the footer, headings), and x/text looks
	// each up and formats it again on every call. Add empties it.
	plain atomic.Pointer[sync.Map]
	held  atomic.Int64 // entries in plain, bounded by maxPlain
}

// maxPlain bounds T's cache: keys are the program's literals, but a caller
// could pass text it did not write.
const maxPlain = 4096

var (
	PtBR = newLocale("pt-BR", language.BrazilianPortuguese)
	En   = newLocale("en", language.English)

	// Locales in the order the language switch lists them.
	Locales = []*Locale{PtBR, En}
	matcher = language.NewMatcher([]language.Tag{language.BrazilianPortuguese, language.English})
)

func newLocale(code string, tag language.Tag) *Locale {
	p := message.NewPrinter(tag)
	half := p.Sprint(number.Decimal(1.5, number.Scale(1)))
	thousand := p.Sprint(number.Decimal(1000))
	l := &Locale{Code: code, Tag: tag, p: p, decimal: strings.Trim(half, "15"), group: strings.Trim(thousand, "10")}
	l.plain.Store(new(sync.Map))
	return l
}

// Get returns the locale of a code ("pt-BR", "en"), or nil when unknown.
func Get(code string) *Locale {
	for _, l := range Locales {
		if strings.EqualFold(l.Code, code) {
			return l
		}
	}
	return nil
}

// Match picks the locale: a valid explicit choice (cookie or ?lang=) wins,
// then the browser's Accept-Language; pt-BR when nothing matches.
func Match(choice, acceptLanguage string) *Locale {
	if l := Get(choice); l != nil {
		return l
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return PtBR
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return PtBR
	}
	return Locales[i]
}

// T translates an English message key (a fmt format) into the locale.
func (l *Locale) T(key string, args ...any) string {
	if len(args) > 0 {
		return l.p.Sprintf(key, args...)
	}
	m := l.plain.Load()
	if s, ok := m.Load(key); ok {
		return s.(string)
	}
	s := l.p.Sprintf(key)
	if l.held.Add(1) <= maxPlain {
		m.Store(key, s)
	}
	return s
}

// forget empties T's cache (a translation was added).
func (l *Locale) forget() {
	l.plain.Store(new(sync.Map))
	l.held.Store(0)
}

// Int formats a whole number with the locale's grouping: 1.234.567 or
// 1,234,567. The digits are grouped here: a tracker or wallet cell asking
// x/text built a number formatter for every call.
func (l *Locale) Int(n int64) string {
	var num, out [64]byte
	digits := strconv.AppendInt(num[:0], n, 10)
	b := out[:0]
	if n < 0 {
		b = append(b, '-')
		digits = digits[1:]
	}
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, l.group...)
		}
		b = append(b, digits[i])
	}
	return string(b)
}

// Decimal formats d rounded to places decimals, half away from zero
// (shopspring's Round: 0,005 → 0,01 and -0,005 → -0,01), exactly: the digits
// come from the decimal itself, never from an int64 or a float64, so amounts
// beyond 2^63 keep every digit; the separators are the ones x/text uses.
func (l *Locale) Decimal(d decimal.Decimal, places int32) string {
	s := d.StringFixed(places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg && strings.Trim(s, "0.") != "" {
		b.WriteString("-")
	}
	for i := 0; i < len(whole); i++ {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(l.group)
		}
		b.WriteByte(whole[i])
	}
	if frac != "" {
		b.WriteString(l.decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// Money formats an amount in reais: "R$ 1.234,56" in pt-BR, "R$1,234.56" in English.
func (l *Locale) Money(d decimal.Decimal) string { return l.reais(l.Decimal(d, 2)) }

// Price formats a price that may have more than two decimals (an average
// price) with all of them: R$ 12,50, R$ 12,345.
func (l *Locale) Price(d decimal.Decimal) string { return l.reais(l.Decimal(d, places(d, 2))) }

// reais puts the currency before a formatted number, minus sign first.
func (l *Locale) reais(s string) string {
	sep := " "
	if l == En {
		sep = ""
	}
	if strings.HasPrefix(s, "-") {
		return "-R$" + sep + s[1:]
	}
	return "R$" + sep + s
}

// Compact formats a large amount of reais briefly: "R$ 512,35 bi" / "R$512.35B".
func (l *Locale) Compact(d decimal.Decimal) string {
	units := []struct {
		exp    int32
		pt, en string
	}{{12, " tri", "T"}, {9, " bi", "B"}, {6, " mi", "M"}}
	for _, u := range units {
		if d.Abs().Cmp(decimal.New(1, u.exp)) >= 0 {
			suffix := u.en
			if l != En {
				suffix = u.pt
			}
			return l.Money(d.Shift(-u.exp)) + suffix
		}
	}
	return l.Money(d)
}

// Clock formats the time of day in the exchange's zone: 14:05:09.
func (l *Locale) Clock(t time.Time) string { return t.In(SaoPaulo).Format("15:04:05") }

// Percent formats d (already ×100) with two decimals and a % sign: "12,34%".
func (l *Locale) Percent(d decimal.Decimal) string { return l.Decimal(d, 2) + "%" }

// Date formats a day: 27/11/2026 or Nov 27, 2026.
func (l *Locale) Date(t time.Time) string {
	if l == En {
		return t.Format("Jan 2, 2006")
	}
	return t.Format("02/01/2006")
}

// DateTime formats a moment in the exchange's time zone.
func (l *Locale) DateTime(t time.Time) string {
	t = t.In(SaoPaulo)
	if l == En {
		return t.Format("Jan 2, 2006 15:04")
	}
	return t.Format("02/01/2006 15:04")
}

// Ago says how long ago t was, in words: "3 minutes ago" / "há 3 minutos".
func (l *Locale) Ago(t time.Time) string { return l.since(time.Since(t)) }

func (l *Locale) since(d time.Duration) string {
	switch {
	case d < time.Minute:
		return l.T("just now")
	case d < time.Hour:
		return l.plural(int(d/time.Minute), "%d minute ago", "%d minutes ago")
	case d < 24*time.Hour:
		return l.plural(int(d/time.Hour), "%d hour ago", "%d hours ago")
	default:
		return l.plural(int(d/(24*time.Hour)), "%d day ago", "%d days ago")
	}
}

// plural says n units ("3 minutes ago"). A room page asks it for each of
// its 50 messages on every view, to find their cached rows; the few
// distinct answers are kept in the T cache's map, emptied with it.
func (l *Locale) plural(n int, one, many string) string {
	format := many
	if n == 1 {
		format = one
	}
	m := l.plain.Load()
	key := pluralKey{format, n}
	if s, ok := m.Load(key); ok {
		return s.(string)
	}
	s := l.p.Sprintf(format, n)
	if l.held.Add(1) <= maxPlain {
		m.Store(key, s)
	}
	return s
}

type pluralKey struct {
	format string
	n      int
}

// SaoPaulo is B3's time zone; a fixed UTC-3 when the zone database is missing
// (Brazil has had no daylight saving time since 2019).
var SaoPaulo = func() *time.Location {
	if loc, err := time.LoadLocation("America/Sao_Paulo"); err == nil {
		return loc
	}
	return time.FixedZone("BRT", -3*3600)
}()
