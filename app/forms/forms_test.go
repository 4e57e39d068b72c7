package forms_test

import (
	"testing"

	"github.com/shopspring/decimal"
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

// Number explains, in the page's language, how the numbers' language writes
// decimals; Cents refuses sub-cent amounts; Ticker normalises and looks up.
func TestNumberCentsTicker(t *testing.T) {
	c := forms.New(i18n.PtBR)
	if d, ok := c.Number("a", " R$ 1.000,5 "); !ok || d.String() != "1000.5" {
		t.Errorf("Number(R$ 1.000,5) = %s, %v", d, ok)
	}
	c.Number("b", "1.5")
	c.Number("c", "doze")
	c.Number("d", " ")
	c.Cents("e", decimal.RequireFromString("12.345"))
	if c.Cents("f", decimal.RequireFromString("12.340")) == false {
		t.Error("12,340 is whole cents")
	}
	if tk, ok := c.Ticker("g", " petr4.sa"); !ok || tk != "PETR4" {
		t.Errorf("Ticker = %q, %v", tk, ok)
	}
	c.Ticker("h", "ABCD3")
	c.Ticker("i", "petrobras")
	// A CSV file in English numbers on a pt-BR page: the message is in
	// Portuguese and shows English numbers.
	csv := forms.New(i18n.PtBR)
	csv.Numbers = i18n.En
	if d, ok := csv.Number("j", "1,000.5"); !ok || d.String() != "1000.5" {
		t.Errorf("en Number(1,000.5) = %s, %v", d, ok)
	}
	csv.Number("k", "1,5")
	want := forms.Errors{
		"b": "Use vírgula para decimais: 1,5 ou 1.000,50.",
		"c": "Informe um número, ex.: 12,50.",
		"d": "Este campo é obrigatório.",
		"e": "Use no máximo 2 casas decimais.",
		"h": "ABCD3 não está listado no IBOV nem no IFIX.",
		"i": "Informe um ativo, ex.: PETR4.",
	}
	for k, w := range want {
		if c.Errors[k] != w {
			t.Errorf("%s: %q, want %q", k, c.Errors[k], w)
		}
	}
	if len(c.Errors) != len(want) {
		t.Errorf("errors %v", c.Errors)
	}
	if got := csv.Errors["k"]; got != "Use ponto para decimais: 1.5 ou 1,000.50." {
		t.Errorf("k: %q", got)
	}
}
