package web

import (
	"html/template"
	"testing"
)

// A fragment is rendered once per key, and the cache never holds more than
// its bound.
func TestHTMLCache(t *testing.T) {
	c := HTMLCache{Max: 3}
	renders := 0
	get := func(key string) template.HTML {
		h, err := c.Get(key, func() (template.HTML, error) { renders++; return template.HTML("<b>" + key + "</b>"), nil })
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	first, second := get("a"), get("a")
	if first != "<b>a</b>" || second != first || renders != 1 {
		t.Fatalf("a kept fragment was rendered %d times", renders)
	}
	for _, k := range []string{"b", "c", "d", "e"} {
		get(k)
	}
	if len(c.m) > 3 {
		t.Fatalf("the cache holds %d fragments, bound 3", len(c.m))
	}
	var unbounded HTMLCache // zero Max: 10,000
	for i := range 5 {
		unbounded.Get(string(rune('a'+i)), func() (template.HTML, error) { return "x", nil })
	}
	if len(unbounded.m) != 5 {
		t.Fatalf("a zero Max cache holds %d of 5 fragments", len(unbounded.m))
	}
}
