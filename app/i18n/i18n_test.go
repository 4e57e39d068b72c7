package i18n

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestMoney(t *testing.T) {
	cases := []struct {
		in     string
		pt, en string
	}{
		{"1234.56", "R$ 1.234,56", "R$1,234.56"},
		{"1234567.891", "R$ 1.234.567,89", "R$1,234,567.89"},
		{"0.005", "R$ 0,01", "R$0.01"},
		{"-12.5", "-R$ 12,50", "-R$12.50"},
		{"-0.001", "R$ 0,00", "R$0.00"},
		{"99999999999999.99", "R$ 99.999.999.999.999,99", "R$99,999,999,999,999.99"},
	}
	for _, c := range cases {
		d := decimal.RequireFromString(c.in)
		if got := PtBR.Money(d); got != c.pt {
			t.Errorf("pt-BR Money(%s) = %q, want %q", c.in, got, c.pt)
		}
		if got := En.Money(d); got != c.en {
			t.Errorf("en Money(%s) = %q, want %q", c.in, got, c.en)
		}
	}
	if got := PtBR.Compact(decimal.RequireFromString("512345678901.23")); got != "R$ 512,35 bi" {
		t.Errorf("Compact = %q", got)
	}
	if got := En.Compact(decimal.RequireFromString("1234567")); got != "R$1.23M" {
		t.Errorf("Compact = %q", got)
	}
	if got := PtBR.Int(1234567); got != "1.234.567" {
		t.Errorf("Int = %q", got)
	}
}

func TestMatch(t *testing.T) {
	cases := []struct{ choice, accept, want string }{
		{"", "en-US,en;q=0.9", "en"},
		{"", "pt-BR,pt;q=0.9,en;q=0.8", "pt-BR"},
		{"", "pt-PT", "pt-BR"},
		{"", "de-DE", "pt-BR"},
		{"", "", "pt-BR"},
		{"en", "pt-BR", "en"},
		{"xx", "en", "en"},
	}
	for _, c := range cases {
		if got := Match(c.choice, c.accept).Code; got != c.want {
			t.Errorf("Match(%q, %q) = %s, want %s", c.choice, c.accept, got, c.want)
		}
	}
}

func TestTranslate(t *testing.T) {
	if got := PtBR.T("Hi, %s", "ana"); got != "Olá, ana" {
		t.Errorf("pt-BR = %q", got)
	}
	if got := En.T("Hi, %s", "ana"); got != "Hi, ana" {
		t.Errorf("en = %q", got)
	}
	if got := PtBR.since(3 * time.Minute); got != "há 3 minutos" {
		t.Errorf("since = %q", got)
	}
}
