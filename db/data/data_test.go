package data

import (
	"regexp"
	"testing"
)

// B3 codes: four characters (B3SA3 has a digit) and the class number.
var tickerRe = regexp.MustCompile(`^[A-Z][A-Z0-9]{3}([3-8]|11)$`)

func TestAssets(t *testing.T) {
	all := Assets()
	count := map[string]int{}
	seen := map[string]bool{}
	for _, a := range all {
		count[a.Market]++
		if seen[a.Ticker] {
			t.Errorf("duplicate ticker %s", a.Ticker)
		}
		seen[a.Ticker] = true
		if !tickerRe.MatchString(a.Ticker) {
			t.Errorf("bad ticker format %q", a.Ticker)
		}
		if a.Market == IFIX && a.Ticker[4:] != "11" {
			t.Errorf("fund %s should end in 11", a.Ticker)
		}
		if a.Name == "" || a.Sector == "" {
			t.Errorf("%s: empty name or sector", a.Ticker)
		}
		if !a.RefPrice.IsPositive() || a.RefPrice.Exponent() < -2 {
			t.Errorf("%s: bad ref price %s", a.Ticker, a.RefPrice)
		}
		if a.Shares <= 0 {
			t.Errorf("%s: bad share count %d", a.Ticker, a.Shares)
		}
	}
	if n := count[IBOV]; n < 80 || n > 95 {
		t.Errorf("IBOV has %d assets, want 80-95", n)
	}
	if n := count[IFIX]; n < 100 {
		t.Errorf("IFIX has %d assets, want >= 100", n)
	}
	if len(all) != count[IBOV]+count[IFIX] {
		t.Errorf("unknown market in %d assets", len(all)-count[IBOV]-count[IFIX])
	}
}

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		in, ticker, market string
	}{
		{"PETR4", "PETR4", IBOV},
		{"vale3", "VALE3", IBOV},
		{"HGLG11.SA", "HGLG11", IFIX},
		{" KNRI11 ", "KNRI11", IFIX},
	} {
		a, ok := Lookup(tc.in)
		if !ok || a.Ticker != tc.ticker || a.Market != tc.market {
			t.Errorf("Lookup(%q) = %+v, %v", tc.in, a, ok)
		}
	}
	if _, ok := Lookup("XXXX3"); ok {
		t.Error("Lookup(XXXX3) found an asset")
	}
}

func TestAssetsIsCopy(t *testing.T) {
	a := Assets()
	a[0].Ticker = "CHANGED"
	if Assets()[0].Ticker == "CHANGED" {
		t.Error("Assets returned shared state")
	}
}

func TestTicker(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"PETR4", "PETR4", true},
		{" petr4.sa ", "PETR4", true},
		{"hglg11", "HGLG11", true},
		{"B3SA3", "B3SA3", true},
		{"VALE3.SA", "VALE3", true},
		{"PETR", "PETR", false},
		{"PETR4X", "PETR4X", false},
		{"PETR123", "PETR123", false},
		{"PE.R4", "PE.R4", false},
		{"PETR4 VALE3", "PETR4 VALE3", false},
		{"petrobras", "PETROBRAS", false},
		{"", "", false},
		{"PÉTR4", "PÉTR4", false},
	}
	for _, c := range cases {
		if got, ok := Ticker(c.in); got != c.want || ok != c.ok {
			t.Errorf("Ticker(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
	for _, a := range Assets() {
		if !IsTicker(a.Ticker) {
			t.Errorf("listed %s is not ticker-shaped", a.Ticker)
		}
	}
	if a, ok := Lookup(" itub4.sa"); !ok || a.Ticker != "ITUB4" {
		t.Errorf("Lookup(itub4.sa) = %v, %v", a.Ticker, ok)
	}
}
