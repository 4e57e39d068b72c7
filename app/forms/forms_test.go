package forms_test

import (
	"testing"

	"github.com/stonks-b3/stonks/app/forms"
	"github.com/stonks-b3/stonks/app/i18n"
)

func TestTextChecks(t *testing.T) {
	for s, want := range map[string]bool{"Itaú\tok\r\n": true, "a\x00b": false, "a\xffb": false, "a\x1bb": false, "a\u0085b": false} {
		if got := forms.IsText(s); got != want {
			t.Errorf("IsText(%+q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"\u200b": false, "\u202e": false, "\u2800": false, "\u3164 \u00a0": false, "\u0301": false, "\u2800a": true, "😀": true, "1": true} {
		c := forms.New(i18n.PtBR)
		if got := c.Visible("f", s); got != want || c.Errors.Any() == want {
			t.Errorf("Visible(%+q) = %v (errors %v), want %v", s, got, c.Errors, want)
		}
	}
	if got := forms.StripBidi("\u202eabc\u2066d\u200fe\u061c"); got != "abcde" {
		t.Errorf("StripBidi = %+q", got)
	}
	c := forms.New(i18n.PtBR)
	if c.Required("f", "ok\x00") || c.Errors["f"] == "" {
		t.Error("Required accepted a NUL")
	}
	c = forms.New(i18n.PtBR)
	if c.MaxLen("g", "\x00", 10); c.Errors["g"] == "" {
		t.Error("MaxLen accepted a NUL")
	}
}
