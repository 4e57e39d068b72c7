package tracker

import (
	"slices"
	"testing"
)

func TestParseTickers(t *testing.T) {
	cases := []struct {
		in        []string
		want, bad []string
	}{
		{[]string{"petr4"}, []string{"PETR4"}, nil},
		{[]string{"PETR4.SA"}, []string{"PETR4"}, nil},
		{[]string{"petr4, vale3 itub4"}, []string{"PETR4", "VALE3", "ITUB4"}, nil},
		{[]string{"PETR4", "petr4.sa;HGLG11"}, []string{"PETR4", "HGLG11"}, nil},
		{[]string{"<script>", "PETR4"}, []string{"PETR4"}, []string{"<script>"}},
		{[]string{""}, nil, nil},
	}
	for _, c := range cases {
		got, bad := ParseTickers(c.in)
		if !slices.Equal(got, c.want) || !slices.Equal(bad, c.bad) {
			t.Errorf("ParseTickers(%q) = %q, %q; want %q, %q", c.in, got, bad, c.want, c.bad)
		}
	}
	many := make([]string, 150)
	for i := range many {
		many[i] = "AAAA" + string(rune('0'+i/10%10)) + string(rune('0'+i%10))
	}
	if got, _ := ParseTickers(many); len(got) != MaxTickers {
		t.Errorf("150 tickers kept %d, want %d", len(got), MaxTickers)
	}
}
